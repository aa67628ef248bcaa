; Included by CPack's NSIS script into the install section (CPACK_NSIS_EXTRA_INSTALL_COMMANDS).
; The installer runs elevated for all users, so the types go under HKLM\Software\Classes. Macroscope is
; always offered under "Open with"; it becomes an extension's default only where no other program has
; claimed it, because taking files from HDFView, Panoply or Python tools would be rude.
; Macroscope is 64-bit and the setup program 32-bit, so its types are written to the 64-bit view by name
; rather than through WOW64's sharing of Software\Classes; the template's own keys stay in its view.
SetRegView 64
WriteRegStr HKLM "Software\Classes\Macroscope.HDF5" "" "HDF5 File"
WriteRegStr HKLM "Software\Classes\Macroscope.HDF5\DefaultIcon" "" "$INSTDIR\bin\macroscope.exe,0"
WriteRegStr HKLM "Software\Classes\Macroscope.HDF5\shell\open\command" "" '"$INSTDIR\bin\macroscope.exe" "%1"'

WriteRegStr HKLM "Software\Classes\.h5\OpenWithProgids" "Macroscope.HDF5" ""
ReadRegStr $0 HKCR ".h5" ""
StrCmp $0 "" 0 +2
WriteRegStr HKLM "Software\Classes\.h5" "" "Macroscope.HDF5"

WriteRegStr HKLM "Software\Classes\.hdf5\OpenWithProgids" "Macroscope.HDF5" ""
ReadRegStr $0 HKCR ".hdf5" ""
StrCmp $0 "" 0 +2
WriteRegStr HKLM "Software\Classes\.hdf5" "" "Macroscope.HDF5"

WriteRegStr HKLM "Software\Classes\.he5\OpenWithProgids" "Macroscope.HDF5" ""
ReadRegStr $0 HKCR ".he5" ""
StrCmp $0 "" 0 +2
WriteRegStr HKLM "Software\Classes\.he5" "" "Macroscope.HDF5"

WriteRegStr HKLM "Software\Classes\.nxs\OpenWithProgids" "Macroscope.HDF5" ""
ReadRegStr $0 HKCR ".nxs" ""
StrCmp $0 "" 0 +2
WriteRegStr HKLM "Software\Classes\.nxs" "" "Macroscope.HDF5"

WriteRegStr HKLM "Software\Classes\.h5ad\OpenWithProgids" "Macroscope.HDF5" ""
ReadRegStr $0 HKCR ".h5ad" ""
StrCmp $0 "" 0 +2
WriteRegStr HKLM "Software\Classes\.h5ad" "" "Macroscope.HDF5"

; Explorer caches associations and icons until told that they changed (SHCNE_ASSOCCHANGED).
System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SetRegView default
