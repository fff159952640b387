; Handoff's additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;
; electron-builder registers `protocols` in the macOS bundle and the Linux .desktop file but not in
; the Windows installers, so the handoff: scheme is written here. SHCTX is HKLM for this per-machine
; install: every agent on the machine gets the link, and uninstalling removes it.

!macro customInstall
  WriteRegStr SHCTX "Software\Classes\handoff" "" "URL:Handoff link"
  WriteRegStr SHCTX "Software\Classes\handoff" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\handoff\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\handoff\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  ; An update runs the old uninstaller first: keep the key, the new install writes it again anyway.
  ${ifNot} ${isUpdated}
    DeleteRegKey SHCTX "Software\Classes\handoff"
  ${endIf}
!macroend
