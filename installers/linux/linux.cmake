# Linux: the desktop integration files and the CPack DEB package. Included by installers/CMakeLists.txt,
# which has already set the common CPACK_* variables and includes CPack after this file.
set(linux_dir ${CMAKE_CURRENT_SOURCE_DIR}/linux)

# Debian policy wants man pages and a native package's changelog gzipped at maximum compression; -n leaves
# the name and time stamp out of the header so that two builds of the same sources give the same package.
find_program(GZIP_PROGRAM gzip REQUIRED)
set(changelog ${CMAKE_CURRENT_BINARY_DIR}/changelog)
# string(TIMESTAMP) honours SOURCE_DATE_EPOCH, for reproducible packages.
string(TIMESTAMP changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${linux_dir}/changelog.in ${changelog} @ONLY)
set(gzipped)
foreach(source ${linux_dir}/macroscope.1 ${linux_dir}/macroscope-cli.1 ${changelog})
    get_filename_component(name ${source} NAME)
    add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/${name}.gz
                       COMMAND ${GZIP_PROGRAM} -9nc ${source} > ${CMAKE_CURRENT_BINARY_DIR}/${name}.gz
                       DEPENDS ${source}
                       VERBATIM)
    list(APPEND gzipped ${CMAKE_CURRENT_BINARY_DIR}/${name}.gz)
endforeach()
add_custom_target(macroscope_linux_files ALL DEPENDS ${gzipped})

install(FILES ${CMAKE_CURRENT_BINARY_DIR}/macroscope-cli.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz ${linux_dir}/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(TARGET macroscope)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/macroscope.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    install(FILES ${linux_dir}/macroscope.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${linux_dir}/macroscope-mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
            RENAME macroscope.xml)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/macroscope.svg
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    foreach(size 16 24 32 48 64 128 256)
        install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/macroscope-${size}.png
                DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME macroscope.png)
    endforeach()
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The build is RelWithDebInfo; the package ships stripped binaries (a fifth of the size).
set(CPACK_STRIP_FILES ON)
# Control files get the modes Debian policy asks for (0644), whatever the umask of the machine that builds.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Every dependency is a library the executables link, which dpkg-shlibdeps finds. (The blosc filter that
# reads compressed recordings is built in, core/h5/bloscfilter.cpp, rather than an HDF5 plug-in.)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

# Builds the package, installs it into a fresh Debian root, runs both executables there and removes it.
# It needs root and the network and takes minutes, so it carries its own label and time limit.
if(MACROSCOPE_BUILD_TESTS AND TARGET macroscope)
    add_test(NAME deb_package COMMAND bash ${linux_dir}/test-deb.sh ${PROJECT_BINARY_DIR})
    set_tests_properties(deb_package PROPERTIES LABELS installer SKIP_RETURN_CODE 77 TIMEOUT 1800)
endif()
# The Windows setup program, built with MinGW-w64 and NSIS and run under Wine; it needs none of this build.
if(MACROSCOPE_BUILD_TESTS)
    add_test(NAME windows_setup COMMAND bash ${PROJECT_SOURCE_DIR}/installers/windows/test-nsis.sh)
    set_tests_properties(windows_setup PROPERTIES LABELS installer SKIP_RETURN_CODE 77 TIMEOUT 900)
endif()
