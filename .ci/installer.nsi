; POS Doctor's Windows installer, built on Linux by `make package`:
;   makensis -DROOT=<repo> -DDIST=<repo>/dist -DVERSION=0.1.0 .ci/installer.nsi
; Per user, no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\POS Doctor, the shortcuts to the user's Start menu
; and desktop, the uninstall entry to HKCU. The history (%APPDATA%\posdoctor)
; and the settings (%APPDATA%\fyne\cn.posdoctor.app) stay when the program is
; removed, unless the user ticks "also delete" on the uninstaller's page.
; Pages in Simplified Chinese or English, following the Windows language.

Unicode true
; A 64-bit installer for a 64-bit program (it also runs under Debian's
; wine64, which has no 32-bit Windows, so CI can install and uninstall).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
; A window larger than posdoctor.exe, so its console twin (the same bytes
; but one) costs almost nothing.
SetCompressorDictSize 32
RequestExecutionLevel user

!ifndef ROOT
  !error "define ROOT, the repository folder"
!endif
!ifndef DIST
  !define DIST "${ROOT}/dist"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif

!define APPID     "cn.posdoctor.app"
!define SHORTCUT  "POS 医生"
!define REGKEY    "Software\Microsoft\Windows\CurrentVersion\Uninstall\POSDoctor"

!include "MUI2.nsh"

Name "$(AppName)"
Caption "$(AppName) ${VERSION}"
OutFile "${DIST}/posdoctor-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\POS Doctor"
InstallDirRegKey HKCU "${REGKEY}" "InstallLocation"
BrandingText "POS Doctor ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "POS Doctor"
VIAddVersionKey /LANG=0 "FileDescription" "POS Doctor installer"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "POS Doctor authors"

!define MUI_ICON   "${DIST}/posdoctor.ico"
!define MUI_UNICON "${DIST}/posdoctor.ico"
!define MUI_ABORTWARNING
!define MUI_UNCOMPONENTSPAGE_NODESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\posdoctor.exe"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the one used when Windows' is neither.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString AppName        ${LANG_SIMPCHINESE} "POS 医生"
LangString AppName        ${LANG_ENGLISH}     "POS Doctor"
LangString SecProgram     ${LANG_SIMPCHINESE} "POS 医生程序"
LangString SecProgram     ${LANG_ENGLISH}     "POS Doctor program"
LangString SecHistory     ${LANG_SIMPCHINESE} "同时删除排查记录和设置"
LangString SecHistory     ${LANG_ENGLISH}     "Also delete the troubleshooting history and settings"

Section "$(SecProgram)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${DIST}/posdoctor.exe"
  File "${DIST}/posdoctor-cli.exe"
  File "/oname=LICENSE.txt" "${ROOT}/LICENSE"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${SHORTCUT}.lnk" "$INSTDIR\posdoctor.exe" "" "$INSTDIR\posdoctor.exe" 0
  CreateShortcut "$DESKTOP\${SHORTCUT}.lnk" "$INSTDIR\posdoctor.exe" "" "$INSTDIR\posdoctor.exe" 0

  WriteRegStr   HKCU "${REGKEY}" "DisplayName"          "${SHORTCUT} (POS Doctor)"
  WriteRegStr   HKCU "${REGKEY}" "DisplayVersion"       "${VERSION}"
  WriteRegStr   HKCU "${REGKEY}" "Publisher"            "POS Doctor"
  WriteRegStr   HKCU "${REGKEY}" "DisplayIcon"          "$INSTDIR\posdoctor.exe"
  WriteRegStr   HKCU "${REGKEY}" "InstallLocation"      "$INSTDIR"
  WriteRegStr   HKCU "${REGKEY}" "UninstallString"      '"$INSTDIR\uninstall.exe"'
  WriteRegStr   HKCU "${REGKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${REGKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${REGKEY}" "NoRepair" 1
SectionEnd

Section "un.$(SecProgram)" UnSecMain
  SectionIn RO
  SetShellVarContext current
  Delete "$SMPROGRAMS\${SHORTCUT}.lnk"
  Delete "$DESKTOP\${SHORTCUT}.lnk"
  Delete "$INSTDIR\posdoctor.exe"
  Delete "$INSTDIR\posdoctor-cli.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${REGKEY}"
SectionEnd

; Unticked by default, and never in a silent uninstall (/S): the history
; is the shop's record of what went wrong.
Section /o "un.$(SecHistory)" UnSecHistory
  SetShellVarContext current
  RMDir /r "$APPDATA\posdoctor"
  RMDir /r "$APPDATA\fyne\${APPID}"
SectionEnd
