# Windows: the executables' icon and version resource, Qt deployed by windeployqt, every other DLL they load
# (HDF5, OpenCV, Aravis/GLib, the compiler runtime, ...) copied beside them, and an NSIS installer with a
# Start-menu entry, file associations and an uninstaller. Included from installers/CMakeLists.txt on WIN32
# before include(CPack). docs/install.md says how a maintainer builds and signs it.
#
# Expects the common rules to install both executables to bin/ (GNUInstallDirs' default on Windows): the
# Start-menu link, the associations and windeployqt all point there.

if(NOT TARGET macroscope)
    return()
endif()

set(macroscope_windows_dir ${CMAKE_CURRENT_LIST_DIR})

# Directories the runtime DLLs are copied from. The compiler's bin folder is where MSYS2 keeps every DLL of
# its packages; a <prefix>/bin per CMAKE_PREFIX_PATH entry covers vcpkg, the HDF Group and Qt installers and
# the job's own third-party prefix.
set(default_runtime_dirs)
get_filename_component(compiler_dir "${CMAKE_CXX_COMPILER}" DIRECTORY)
list(APPEND default_runtime_dirs "${compiler_dir}")
foreach(prefix IN LISTS CMAKE_PREFIX_PATH)
    list(APPEND default_runtime_dirs "${prefix}/bin")
endforeach()
if(QT6_INSTALL_PREFIX)
    list(APPEND default_runtime_dirs "${QT6_INSTALL_PREFIX}/bin")
endif()
set(MACROSCOPE_RUNTIME_DIRS "${default_runtime_dirs}" CACHE STRING
    "Directories searched for the DLLs that are bundled into the installer (a ;-list)")

# Signing is optional and names a certificate already in the Windows certificate store by its SHA-1
# thumbprint; the certificate and its password never enter the build.
set(MACROSCOPE_SIGN_THUMBPRINT "" CACHE STRING
    "SHA-1 thumbprint of the code-signing certificate in the certificate store; empty = unsigned")
set(MACROSCOPE_TIMESTAMP_URL "http://timestamp.digicert.com" CACHE STRING "RFC 3161 timestamp server")
set(signtool_command)
if(MACROSCOPE_SIGN_THUMBPRINT)
    # signtool ships with the Windows SDK, one folder per SDK version; the newest is tried first.
    set(program_files_x86 "ProgramFiles(x86)")
    file(GLOB sdk_bins "$ENV{${program_files_x86}}/Windows Kits/10/bin/*/x64")
    list(SORT sdk_bins COMPARE NATURAL ORDER DESCENDING)
    find_program(MACROSCOPE_SIGNTOOL signtool HINTS ${sdk_bins} REQUIRED)
    set(signtool_command "${MACROSCOPE_SIGNTOOL}" sign /sha1 "${MACROSCOPE_SIGN_THUMBPRINT}" /fd SHA256
        /tr "${MACROSCOPE_TIMESTAMP_URL}" /td SHA256)
endif()
set(CPACK_MACROSCOPE_SIGNTOOL_COMMAND "${signtool_command}")
list(APPEND CPACK_POST_BUILD_SCRIPTS ${macroscope_windows_dir}/sign.cmake)

# No console window behind the GUI; --help and --version output belong to macroscope-cli on Windows.
set_target_properties(macroscope PROPERTIES WIN32_EXECUTABLE ON)

# Each executable gets its own resource (icon, version, manifest), compiled in an object library because
# the targets' GCC warning options would otherwise be handed to the resource compiler, which rejects them.
enable_language(RC)
foreach(executable_name IN ITEMS macroscope macroscope-cli)
    if(executable_name STREQUAL "macroscope")
        set(executable_description "Macroscope")
    else()
        set(executable_description "Macroscope command-line tool")
    endif()
    configure_file(${macroscope_windows_dir}/macroscope.rc.in ${CMAKE_CURRENT_BINARY_DIR}/${executable_name}.rc
        @ONLY)
    add_library(${executable_name}_winres OBJECT ${CMAKE_CURRENT_BINARY_DIR}/${executable_name}.rc)
    target_link_libraries(${executable_name} PRIVATE ${executable_name}_winres)
endforeach()

set(CPACK_GENERATOR NSIS)
# Backslashes and quotes reach makensis unchanged only with verbatim variables.
set(CPACK_VERBATIM_VARIABLES ON)
string(TOLOWER "windows-${CMAKE_SYSTEM_PROCESSOR}" CPACK_SYSTEM_NAME)
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Macroscope")
# CPack picks $PROGRAMFILES64 only for MSVC builds; a MinGW build would otherwise land in "Program Files (x86)".
set(CPACK_NSIS_INSTALL_ROOT "$PROGRAMFILES64")
set(CPACK_NSIS_PACKAGE_NAME "Macroscope ${PROJECT_VERSION}")
set(CPACK_NSIS_DISPLAY_NAME "Macroscope")
set(CPACK_NSIS_MUI_ICON "${macroscope_windows_dir}/macroscope.ico")
set(CPACK_NSIS_MUI_UNIICON "${macroscope_windows_dir}/macroscope.ico")
set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\macroscope.exe")
set(CPACK_NSIS_MANIFEST_DPI_AWARE ON)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
# The Start-menu folder keeps one name across versions, as the uninstall entry does (CPack names it after
# the install directory): the default carries the version, and a folder per version would be confusing.
# CPack overwrites CPACK_NSIS_DEFINES for packages with components; this one has none.
set(CPACK_NSIS_DEFINES "!define MUI_STARTMENUPAGE_DEFAULTFOLDER \"Macroscope\"")
# CPack's PATH editing truncates a PATH longer than NSIS's string limit, so the installer leaves PATH alone;
# docs/install.md says how to add the CLI.
set(CPACK_NSIS_MODIFY_PATH OFF)
# The Start-menu entry (CPack's NSIS template puts it in the Start-menu folder it creates and removes).
set(CPACK_PACKAGE_EXECUTABLES "macroscope;Macroscope")
# The association scripts are plain NSIS, read by makensis itself; single quotes keep the path intact.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS "!include '${macroscope_windows_dir}/associate.nsh'")
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS "!include '${macroscope_windows_dir}/unassociate.nsh'")

# Deferred to the end of installers/ so that it runs after every install(TARGETS), as macos.cmake explains.
function(macroscope_add_windows_deploy)
    set(stub ${CMAKE_CURRENT_BINARY_DIR}/deploy-windows.cmake)
    file(GENERATE OUTPUT ${stub} CONTENT "include(\"${QT_DEPLOY_SUPPORT}\")
set(MACROSCOPE_EXECUTABLES \"$<TARGET_FILE_NAME:macroscope>\" \"$<TARGET_FILE_NAME:macroscope-cli>\")
set(MACROSCOPE_RUNTIME_DIRS \"${MACROSCOPE_RUNTIME_DIRS}\")
set(MACROSCOPE_SIGNTOOL_COMMAND \"${signtool_command}\")
set(MACROSCOPE_OBJDUMP \"$<$<BOOL:${MINGW}>:${CMAKE_OBJDUMP}>\")
include(\"${macroscope_windows_dir}/deploy.cmake\")
")
    install(SCRIPT ${stub})
endfunction()
cmake_language(DEFER CALL macroscope_add_windows_deploy)
