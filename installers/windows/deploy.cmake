# Runs at install time (cmake --install, cpack), after every install(TARGETS), from the stub windows.cmake
# generates; that stub has included Qt's deploy support and set MACROSCOPE_EXECUTABLES (file names in bin/),
# MACROSCOPE_RUNTIME_DIRS, MACROSCOPE_SIGNTOOL_COMMAND (empty: unsigned) and, for MinGW builds,
# MACROSCOPE_OBJDUMP.
set(prefix "${QT_DEPLOY_PREFIX}")
set(bin "${prefix}/${QT_DEPLOY_BIN_DIR}")
set(executables)
foreach(name IN LISTS MACROSCOPE_EXECUTABLES)
    if(NOT EXISTS "${bin}/${name}")
        message(FATAL_ERROR "${bin}/${name} was not installed: the install(TARGETS ...) rules must put both executables in bin/")
    endif()
    list(APPEND executables "${QT_DEPLOY_BIN_DIR}/${name}")
endforeach()

# windeployqt copies the Qt DLLs and plug-ins and writes qt.conf; it knows nothing of other libraries.
list(POP_FRONT executables main)
qt6_deploy_runtime_dependencies(EXECUTABLE "${main}" ADDITIONAL_EXECUTABLES ${executables} GENERATE_QT_CONF)

# Everything else is found by walking the import tables of what is now installed, Qt's DLLs and plug-ins
# included: a distribution's Qt (MSYS2, vcpkg) loads its own libpng, HarfBuzz, ICU, ... which windeployqt
# does not copy. file(GET_RUNTIME_DEPENDENCIES) is used rather than install(RUNTIME_DEPENDENCY_SET) because
# it must see the plug-ins windeployqt has just added, and it needs nothing from the install(TARGETS) rules.
# bin/ is searched first so that DLLs already in place resolve to themselves.
# A MinGW build has no dumpbin, CMake's default reader on Windows; its own objdump reads the same tables.
if(MACROSCOPE_OBJDUMP)
    set(CMAKE_GET_RUNTIME_DEPENDENCIES_TOOL objdump)
    set(CMAKE_GET_RUNTIME_DEPENDENCIES_COMMAND "${MACROSCOPE_OBJDUMP}")
endif()
file(GLOB installed_executables "${bin}/*.exe")
file(GLOB installed_libraries "${bin}/*.dll")
file(GLOB_RECURSE installed_modules "${prefix}/${QT_DEPLOY_PLUGINS_DIR}/*.dll")
file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES ${installed_executables}
    LIBRARIES ${installed_libraries}
    MODULES ${installed_modules}
    DIRECTORIES "${bin}" ${MACROSCOPE_RUNTIME_DIRS}
    # API sets and everything under the Windows folder belong to the operating system.
    PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
    POST_EXCLUDE_REGEXES "^[A-Za-z]:[/\\\\][Ww][Ii][Nn][Dd][Oo][Ww][Ss][/\\\\]"
    RESOLVED_DEPENDENCIES_VAR resolved
    UNRESOLVED_DEPENDENCIES_VAR unresolved
    CONFLICTING_DEPENDENCIES_PREFIX conflicting)
# A DLL found in two directories is taken from the first searched, as Windows itself would.
foreach(name IN LISTS conflicting_FILENAMES)
    list(GET conflicting_${name} 0 first)
    list(APPEND resolved "${first}")
endforeach()
file(REAL_PATH "${bin}" bin_real)
foreach(dll IN LISTS resolved)
    get_filename_component(dir "${dll}" DIRECTORY)
    file(REAL_PATH "${dir}" dir_real)
    if(NOT dir_real STREQUAL bin_real)
        file(INSTALL "${dll}" DESTINATION "${bin}")
    endif()
endforeach()
if(unresolved)
    # Delay-loaded system DLLs end up here too, so this is a warning; the CI job starts the installed
    # executables with a clean PATH, which catches a DLL that is really missing.
    message(WARNING "DLLs not found in MACROSCOPE_RUNTIME_DIRS (${MACROSCOPE_RUNTIME_DIRS}): ${unresolved}")
endif()

# Our own executables are signed inside the installer too, so that SmartScreen and antivirus programs see
# the publisher of what actually runs, not only of the setup program.
if(MACROSCOPE_SIGNTOOL_COMMAND)
    foreach(name IN LISTS MACROSCOPE_EXECUTABLES)
        execute_process(COMMAND ${MACROSCOPE_SIGNTOOL_COMMAND} "${bin}/${name}" COMMAND_ERROR_IS_FATAL ANY)
    endforeach()
endif()
