; Inno Setup script of the ChannelDesk installer (run by build_windows.ps1):
;   iscc /DAppVersion=0.1.0 /DSourceDir=dist\ChannelDesk /Odist\installer build_scripts\channeldesk.iss
; Installs per user (no administrator rights on a shop PC); the data folder lives in the user's
; AppData (platformdirs) and is never touched by install, upgrade or uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\ChannelDesk"
#endif

[Setup]
; Keep this AppId for every release: upgrades replace the previous install in place.
AppId={{6F0C6E0B-5C1D-4E8A-9B55-2E3C1D7A9C41}
AppName=ChannelDesk
AppVerName=ChannelDesk {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=ChannelDesk
DefaultDirName={autopf}\ChannelDesk
DefaultGroupName=ChannelDesk
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=ChannelDesk-Setup-{#AppVersion}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\ChannelDesk.exe
; A running ChannelDesk holds its files: ask it to close before replacing them.
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\ChannelDesk"; Filename: "{app}\ChannelDesk.exe"
Name: "{group}\ChannelDesk 演示 (demo)"; Filename: "{app}\ChannelDesk.exe"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,ChannelDesk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\ChannelDesk"; Filename: "{app}\ChannelDesk.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ChannelDesk.exe"; Description: "{cm:LaunchProgram,ChannelDesk}"; Flags: nowait postinstall skipifsilent
