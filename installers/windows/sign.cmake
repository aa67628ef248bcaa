# CPACK_POST_BUILD_SCRIPTS entry: signs the finished setup program when windows.cmake was given a
# certificate thumbprint. Runs inside cpack, which passes the CPACK_* variables and the packages it made.
if(NOT CPACK_MACROSCOPE_SIGNTOOL_COMMAND)
    message(STATUS "No MACROSCOPE_SIGN_THUMBPRINT: the installer is left unsigned")
    return()
endif()
foreach(package IN LISTS CPACK_PACKAGE_FILES)
    if(package MATCHES "\\.exe$")
        execute_process(COMMAND ${CPACK_MACROSCOPE_SIGNTOOL_COMMAND} "${package}" COMMAND_ERROR_IS_FATAL ANY)
    endif()
endforeach()
