; Included by CPack's NSIS script into the uninstall section (CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS).
; Undoes associate.nsh: an extension's default is removed only where it still names Macroscope, and an
; extension key is removed only when nothing else is left in it.
; Macroscope is 64-bit and the setup program 32-bit, so its types are written to the 64-bit view by name
; rather than through WOW64's sharing of Software\Classes; the template's own keys stay in its view.
SetRegView 64
DeleteRegKey HKLM "Software\Classes\Macroscope.HDF5"

DeleteRegValue HKLM "Software\Classes\.h5\OpenWithProgids" "Macroscope.HDF5"
DeleteRegKey /ifempty HKLM "Software\Classes\.h5\OpenWithProgids"
ReadRegStr $0 HKLM "Software\Classes\.h5" ""
StrCmp $0 "Macroscope.HDF5" 0 +2
DeleteRegValue HKLM "Software\Classes\.h5" ""
DeleteRegKey /ifempty HKLM "Software\Classes\.h5"

DeleteRegValue HKLM "Software\Classes\.hdf5\OpenWithProgids" "Macroscope.HDF5"
DeleteRegKey /ifempty HKLM "Software\Classes\.hdf5\OpenWithProgids"
ReadRegStr $0 HKLM "Software\Classes\.hdf5" ""
StrCmp $0 "Macroscope.HDF5" 0 +2
DeleteRegValue HKLM "Software\Classes\.hdf5" ""
DeleteRegKey /ifempty HKLM "Software\Classes\.hdf5"

DeleteRegValue HKLM "Software\Classes\.he5\OpenWithProgids" "Macroscope.HDF5"
DeleteRegKey /ifempty HKLM "Software\Classes\.he5\OpenWithProgids"
ReadRegStr $0 HKLM "Software\Classes\.he5" ""
StrCmp $0 "Macroscope.HDF5" 0 +2
DeleteRegValue HKLM "Software\Classes\.he5" ""
DeleteRegKey /ifempty HKLM "Software\Classes\.he5"

DeleteRegValue HKLM "Software\Classes\.nxs\OpenWithProgids" "Macroscope.HDF5"
DeleteRegKey /ifempty HKLM "Software\Classes\.nxs\OpenWithProgids"
ReadRegStr $0 HKLM "Software\Classes\.nxs" ""
StrCmp $0 "Macroscope.HDF5" 0 +2
DeleteRegValue HKLM "Software\Classes\.nxs" ""
DeleteRegKey /ifempty HKLM "Software\Classes\.nxs"

DeleteRegValue HKLM "Software\Classes\.h5ad\OpenWithProgids" "Macroscope.HDF5"
DeleteRegKey /ifempty HKLM "Software\Classes\.h5ad\OpenWithProgids"
ReadRegStr $0 HKLM "Software\Classes\.h5ad" ""
StrCmp $0 "Macroscope.HDF5" 0 +2
DeleteRegValue HKLM "Software\Classes\.h5ad" ""
DeleteRegKey /ifempty HKLM "Software\Classes\.h5ad"

System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SetRegView default
