#include "hardware/display/framedrawer.h"

#include <QtGui/QOpenGLContext>
#include <QtGui/QOpenGLFunctions>

namespace hw {

namespace {

// GLSL 1.00 ES / 1.10: no #version line, so the same source compiles on desktop and ES contexts.
// Texture row 0 (the frame's first row) is mapped to the top of the screen.
constexpr const char *VertexSource = R"(
attribute vec2 position;
varying vec2 texCoord;
void main() {
    texCoord = vec2(0.5 * (position.x + 1.0), 0.5 * (1.0 - position.y));
    gl_Position = vec4(position, 0.0, 1.0);
}
)";

constexpr const char *FragmentSource = R"(
#ifdef GL_ES
#ifdef GL_FRAGMENT_PRECISION_HIGH
precision highp float;
#else
precision mediump float;
#endif
#endif
uniform sampler2D frame;
varying vec2 texCoord;
void main() {
    float luminance = texture2D(frame, texCoord).r;
    gl_FragColor = vec4(luminance, luminance, luminance, 1.0);
}
)";

constexpr GLfloat FullScreenStrip[] = {-1, -1, 1, -1, -1, 1, 1, 1};

} // namespace

std::string FrameDrawer::initialize(QOpenGLContext *context, QSize frameSize)
{
    m_gl = context->functions();
    m_frameSize = frameSize;

    GLuint vertexShader = 0;
    GLuint fragmentShader = 0;
    if (auto error = compile(GL_VERTEX_SHADER, VertexSource, &vertexShader); !error.empty()) {
        return error;
    }
    if (auto error = compile(GL_FRAGMENT_SHADER, FragmentSource, &fragmentShader); !error.empty()) {
        return error;
    }
    m_program = m_gl->glCreateProgram();
    m_gl->glAttachShader(m_program, vertexShader);
    m_gl->glAttachShader(m_program, fragmentShader);
    m_gl->glLinkProgram(m_program);
    m_gl->glDeleteShader(vertexShader);
    m_gl->glDeleteShader(fragmentShader);
    GLint linked = GL_FALSE;
    m_gl->glGetProgramiv(m_program, GL_LINK_STATUS, &linked);
    if (linked != GL_TRUE) {
        char log[1024] = {};
        m_gl->glGetProgramInfoLog(m_program, sizeof log, nullptr, log);
        return std::string("cannot link the frame shader: ") + log;
    }
    m_positionAttribute = m_gl->glGetAttribLocation(m_program, "position");
    m_gl->glUseProgram(m_program);
    m_gl->glUniform1i(m_gl->glGetUniformLocation(m_program, "frame"), 0);

    m_gl->glGenBuffers(1, &m_vertexBuffer);
    m_gl->glBindBuffer(GL_ARRAY_BUFFER, m_vertexBuffer);
    m_gl->glBufferData(GL_ARRAY_BUFFER, sizeof FullScreenStrip, FullScreenStrip, GL_STATIC_DRAW);

    m_gl->glGenTextures(1, &m_texture);
    m_gl->glBindTexture(GL_TEXTURE_2D, m_texture);
    m_gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    m_gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    m_gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    m_gl->glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    // Rows are packed: a width that is not a multiple of 4 must not be padded.
    m_gl->glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    m_gl->glTexImage2D(GL_TEXTURE_2D, 0, GL_LUMINANCE, frameSize.width(), frameSize.height(), 0, GL_LUMINANCE,
                       GL_UNSIGNED_BYTE, nullptr);
    // Dithering could change the 8-bit values the stimulus was gamma-corrected to.
    m_gl->glDisable(GL_DITHER);

    if (const GLenum error = m_gl->glGetError(); error != GL_NO_ERROR) {
        return "OpenGL error " + std::to_string(error) + " while preparing a " +
               std::to_string(frameSize.width()) + "×" + std::to_string(frameSize.height()) + " frame texture";
    }
    return {};
}

std::string FrameDrawer::compile(unsigned int type, const char *source, unsigned int *shader)
{
    *shader = m_gl->glCreateShader(type);
    m_gl->glShaderSource(*shader, 1, &source, nullptr);
    m_gl->glCompileShader(*shader);
    GLint compiled = GL_FALSE;
    m_gl->glGetShaderiv(*shader, GL_COMPILE_STATUS, &compiled);
    if (compiled == GL_TRUE) {
        return {};
    }
    char log[1024] = {};
    m_gl->glGetShaderInfoLog(*shader, sizeof log, nullptr, log);
    return std::string("cannot compile the frame shader: ") + log;
}

void FrameDrawer::upload(std::span<const std::uint8_t> pixels)
{
    Q_ASSERT(pixels.size() == std::size_t(m_frameSize.width()) * std::size_t(m_frameSize.height()));
    m_gl->glBindTexture(GL_TEXTURE_2D, m_texture);
    m_gl->glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, m_frameSize.width(), m_frameSize.height(), GL_LUMINANCE,
                          GL_UNSIGNED_BYTE, pixels.data());
}

void FrameDrawer::draw(QSize viewport, QRect photodiode, bool photodiodeWhite)
{
    m_gl->glViewport(0, 0, viewport.width(), viewport.height());
    m_gl->glUseProgram(m_program);
    m_gl->glActiveTexture(GL_TEXTURE0);
    m_gl->glBindTexture(GL_TEXTURE_2D, m_texture);
    m_gl->glBindBuffer(GL_ARRAY_BUFFER, m_vertexBuffer);
    m_gl->glEnableVertexAttribArray(static_cast<GLuint>(m_positionAttribute));
    m_gl->glVertexAttribPointer(static_cast<GLuint>(m_positionAttribute), 2, GL_FLOAT, GL_FALSE, 0, nullptr);
    m_gl->glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);

    // The patch is a scissored clear: exact pixels, no second shader. GL's window origin is the bottom left.
    const GLfloat level = photodiodeWhite ? 1.0f : 0.0f;
    m_gl->glEnable(GL_SCISSOR_TEST);
    m_gl->glScissor(photodiode.x(), viewport.height() - photodiode.y() - photodiode.height(), photodiode.width(),
                    photodiode.height());
    m_gl->glClearColor(level, level, level, 1.0f);
    m_gl->glClear(GL_COLOR_BUFFER_BIT);
    m_gl->glDisable(GL_SCISSOR_TEST);
}

void FrameDrawer::finish()
{
    m_gl->glFinish();
}

} // namespace hw
