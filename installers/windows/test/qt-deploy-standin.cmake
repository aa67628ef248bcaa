# Stands in for Qt's deploy support (QT_DEPLOY_SUPPORT) when test-nsis.sh builds the Windows installer on
# Linux: the same variables, and a qt6_deploy_runtime_dependencies that does what windeployqt does to the
# install tree without Qt's DLLs: it writes qt.conf.
set(QT_DEPLOY_PREFIX "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(QT_DEPLOY_BIN_DIR bin)
set(QT_DEPLOY_PLUGINS_DIR plugins)
# deploy.cmake reads the executables' import tables; on a Linux host CMake would expect ELF files.
set(CMAKE_GET_RUNTIME_DEPENDENCIES_PLATFORM windows+pe)

function(qt6_deploy_runtime_dependencies)
    cmake_parse_arguments(PARSE_ARGV 0 arg "GENERATE_QT_CONF" "EXECUTABLE" "ADDITIONAL_EXECUTABLES")
    foreach(executable IN LISTS arg_EXECUTABLE arg_ADDITIONAL_EXECUTABLES)
        if(NOT EXISTS "${QT_DEPLOY_PREFIX}/${executable}")
            message(FATAL_ERROR "qt6_deploy_runtime_dependencies was given ${executable}, which is not installed")
        endif()
    endforeach()
    if(arg_GENERATE_QT_CONF)
        file(WRITE "${QT_DEPLOY_PREFIX}/${QT_DEPLOY_BIN_DIR}/qt.conf" "[Paths]\nPrefix = ..\n")
    endif()
endfunction()
