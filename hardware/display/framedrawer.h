#pragma once

#include <QtCore/QRect>
#include <QtCore/QSize>

#include <cstdint>
#include <span>
#include <string>

class QOpenGLContext;
class QOpenGLFunctions;

namespace hw {

// Draws an 8-bit stimulus frame over the whole viewport, one texel per pixel with no filtering and no colour
// conversion (the frames are already gamma-encoded for the monitor), then the photodiode patch on top.
// Uses only OpenGL ES 2 / OpenGL 2 functions through QtGui, so it needs no QtOpenGL module.
//
// All calls on the thread whose context is current. The GL objects belong to that context and go with it:
// the drawer does not outlive it.
class FrameDrawer {
public:
    // Creates the shader, the vertex buffer and a `frameSize` luminance texture in `context`, which must be
    // current. Returns what failed, or an empty string.
    std::string initialize(QOpenGLContext *context, QSize frameSize);

    // Replaces the texture's contents; `pixels` is frameSize row-major, row 0 at the top of the screen.
    void upload(std::span<const std::uint8_t> pixels);
    // Draws into the default framebuffer of `viewport` device pixels; `photodiode` is in device pixels with
    // the origin at the top left.
    void draw(QSize viewport, QRect photodiode, bool photodiodeWhite);
    // Blocks until the GPU has done everything issued, the swap included (see StimulusWindow).
    void finish();

private:
    std::string compile(unsigned int type, const char *source, unsigned int *shader);

    QOpenGLFunctions *m_gl = nullptr;
    QSize m_frameSize;
    unsigned int m_program = 0;
    unsigned int m_vertexBuffer = 0;
    unsigned int m_texture = 0;
    int m_positionAttribute = -1;
};

} // namespace hw
