# Runs at install time (cmake --install, cpack), after every install(TARGETS), from the stub macos.cmake
# generates; that stub has included Qt's deploy support and set MACROSCOPE_BUNDLE, MACROSCOPE_CLI_NAME,
# MACROSCOPE_CODESIGN_IDENTITY and MACROSCOPE_ENTITLEMENTS. Paths are relative to QT_DEPLOY_PREFIX, the
# install prefix under DESTDIR.
set(prefix "${QT_DEPLOY_PREFIX}")
set(app "${prefix}/${MACROSCOPE_BUNDLE}")
if(NOT IS_DIRECTORY "${app}")
    message(FATAL_ERROR "${app} was not installed: the install(TARGETS macroscope ...) rule needs BUNDLE DESTINATION .")
endif()

# A .dmg is dragged to /Applications as one item, so what the common rules install beside the bundle under
# GNU directories (the CLI in bin/, schemas and documents in share/) moves inside it, where it travels with
# the app and where macdeployqt and codesign reach it.
function(move_into_bundle from to)
    if(EXISTS "${prefix}/${from}")
        get_filename_component(parent "${app}/${to}" DIRECTORY)
        file(MAKE_DIRECTORY "${parent}")
        file(REMOVE_RECURSE "${app}/${to}")
        file(RENAME "${prefix}/${from}" "${app}/${to}")
    endif()
endfunction()
move_into_bundle("bin/${MACROSCOPE_CLI_NAME}" "Contents/MacOS/${MACROSCOPE_CLI_NAME}")
move_into_bundle("share/macroscope" "Contents/Resources/macroscope")
move_into_bundle("share/doc/macroscope" "Contents/Resources/doc")
foreach(dir share/doc share bin)
    file(GLOB left "${prefix}/${dir}/*")
    if(IS_DIRECTORY "${prefix}/${dir}" AND NOT left)
        file(REMOVE_RECURSE "${prefix}/${dir}")
    endif()
endforeach()

# macdeployqt copies Qt's frameworks and plug-ins and every other non-system dylib the executables load
# (Homebrew's HDF5, OpenCV, Aravis and GLib, ...) into Contents/Frameworks and rewrites their load paths.
set(extra_executables)
if(EXISTS "${app}/Contents/MacOS/${MACROSCOPE_CLI_NAME}")
    list(APPEND extra_executables "${MACROSCOPE_BUNDLE}/Contents/MacOS/${MACROSCOPE_CLI_NAME}")
endif()
qt6_deploy_runtime_dependencies(EXECUTABLE "${MACROSCOPE_BUNDLE}" ADDITIONAL_EXECUTABLES ${extra_executables})

# Every binary macdeployqt rewrote lost its signature, and Apple silicon refuses to run unsigned code, so
# the bundle is always signed: ad hoc without an identity (fine on the machine that built it), otherwise
# with the Developer ID, hardened runtime and a secure timestamp, as notarisation requires. Inner code first,
# the bundle last; --deep is avoided because it applies one set of options to everything.
if(MACROSCOPE_CODESIGN_IDENTITY)
    set(identity "${MACROSCOPE_CODESIGN_IDENTITY}")
    set(options --timestamp --options runtime)
    set(app_options ${options} --entitlements "${MACROSCOPE_ENTITLEMENTS}")
else()
    set(identity -)
    set(options)
    set(app_options)
endif()
file(GLOB_RECURSE libraries LIST_DIRECTORIES false
    "${app}/Contents/Frameworks/*.dylib" "${app}/Contents/PlugIns/*.dylib")
list(FILTER libraries EXCLUDE REGEX "\\.framework/")
file(GLOB frameworks LIST_DIRECTORIES true "${app}/Contents/Frameworks/*.framework")
set(inner ${libraries} ${frameworks})
if(EXISTS "${app}/Contents/MacOS/${MACROSCOPE_CLI_NAME}")
    list(APPEND inner "${app}/Contents/MacOS/${MACROSCOPE_CLI_NAME}")
endif()
foreach(item IN LISTS inner)
    execute_process(COMMAND codesign --force ${options} --sign "${identity}" "${item}"
        COMMAND_ERROR_IS_FATAL ANY)
endforeach()
execute_process(COMMAND codesign --force ${app_options} --sign "${identity}" "${app}" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND codesign --verify --deep --strict "${app}" COMMAND_ERROR_IS_FATAL ANY)
message(STATUS "Signed ${app} (identity: ${identity})")
