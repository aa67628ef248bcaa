# CPACK_POST_BUILD_SCRIPTS entry: signs the finished .dmg and, when a notarytool profile is configured, has
# Apple notarise it and staples the ticket so that Gatekeeper accepts it offline. Runs inside cpack, which
# passes the CPACK_* variables macos.cmake set and the list of packages it made.
if(NOT CPACK_MACROSCOPE_CODESIGN_IDENTITY)
    message(STATUS "No MACROSCOPE_CODESIGN_IDENTITY: the .dmg is left unsigned and not notarised")
    return()
endif()
foreach(package IN LISTS CPACK_PACKAGE_FILES)
    if(NOT package MATCHES "\\.dmg$")
        continue()
    endif()
    execute_process(COMMAND codesign --force --timestamp --sign "${CPACK_MACROSCOPE_CODESIGN_IDENTITY}" "${package}"
        COMMAND_ERROR_IS_FATAL ANY)
    if(CPACK_MACROSCOPE_NOTARY_PROFILE)
        execute_process(COMMAND xcrun notarytool submit "${package}"
                --keychain-profile "${CPACK_MACROSCOPE_NOTARY_PROFILE}" --wait
            COMMAND_ERROR_IS_FATAL ANY)
        execute_process(COMMAND xcrun stapler staple "${package}" COMMAND_ERROR_IS_FATAL ANY)
    else()
        message(STATUS "No MACROSCOPE_NOTARY_PROFILE: ${package} is signed but not notarised")
    endif()
endforeach()
