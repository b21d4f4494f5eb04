; Inno Setup 6 script: Rapport's per-machine Windows installer.
;
; Built on Windows by `python packaging\build.py --installer` (it passes the version and the
; bundle folder), or by hand after building the bundle:
;   ISCC.exe /DAppVersion=0.1.0 /DBundleDir=..\..\dist\rapport packaging\windows\rapport.iss
; It cannot be built on Linux; see docs/deploy.md.
;
; Silent install for IT (every desktop, no questions, tray app at log-on, shared folder set):
;   rapport-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART /TASKS="startup"
;       /SHARE="\\server\rapport"
; /SHARE writes the machine-wide default settings file
; C:\ProgramData\Rapport\Rapport.ini (QSettings' system scope, read when a user has no
; value of their own): team mode, that shared folder, and the respondent role for bare
; `rapport` (override with /ROLE=hr on HR's machines).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\rapport"
#endif
#define AppName "Rapport"
#define AppExe "rapport.exe"
#define CliExe "rapport-cli.exe"

[Setup]
; AppId identifies the product across upgrades: never change it.
AppId={{6F1C2B9E-4C7A-4D8E-9A51-3B2E7C5D1F20}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Rapport
AppComments=Pulse surveys and sentiment for the relationships between departments
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per-machine install into Program Files (needs administrator rights).
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
SetupIconFile=..\..\desktop_app\resources\icons\rapport.ico
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
OutputBaseFilename=rapport-{#AppVersion}-setup
; Upgrades: close a running Rapport (tray app included) first, start nothing afterwards.
CloseApplications=force
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "startup"; Description: "Start the Rapport survey tray icon when anyone signs in to Windows"; GroupDescription: "Start-up:"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's library folder entirely (no stale modules from the old one).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Rapport: relationships between departments"
Name: "{autoprograms}\{#AppName} pulse survey"; Filename: "{app}\{#AppExe}"; Parameters: "respond"; Comment: "Answer the current pulse survey"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; Start-with-Windows for every user: the machine-wide Run key (removed on uninstall).
Root: HKLM; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "RapportRespond"; ValueData: """{app}\{#AppExe}"" respond"; Tasks: startup; Flags: uninsdeletevalue

[Run]
; Offer to open Rapport (interactive installs only).
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Code]
const
  SettingsFolder = '{commonappdata}\Rapport';
  SettingsFile = '{commonappdata}\Rapport\Rapport.ini';

{ QSettings' INI format treats a backslash as an escape character: write each one twice. }
function IniEscape(const Value: String): String;
begin
  Result := Value;
  StringChangeEx(Result, '\', '\\', True);
  StringChangeEx(Result, '"', '\"', True);
end;

function InitializeSetup(): Boolean;
var
  Role: String;
begin
  Result := True;
  Role := Lowercase(ExpandConstant('{param:ROLE|}'));
  if (Role <> '') and (Role <> 'hr') and (Role <> 'respondent') then
  begin
    SuppressibleMsgBox('/ROLE must be "hr" or "respondent", not "' + Role + '".',
      mbError, MB_OK, IDOK);
    Result := False;
  end;
end;

{ /SHARE="\\server\rapport" [/ROLE=hr|respondent]: machine-wide defaults every user's
  Rapport reads until they choose their own (desktop_app/settings.py reads them through
  QSettings' fallback from the user file to the system file). }
procedure WriteMachineDefaults();
var
  Share, Role: String;
  Lines: TArrayOfString;
begin
  Share := ExpandConstant('{param:SHARE|}');
  if Share = '' then
    Exit;
  Role := Lowercase(ExpandConstant('{param:ROLE|respondent}'));
  SetArrayLength(Lines, 4);
  Lines[0] := '[General]';
  Lines[1] := 'mode=team';
  Lines[2] := 'share_folder="' + IniEscape(Share) + '"';
  Lines[3] := 'role=' + Role;
  ForceDirectories(ExpandConstant(SettingsFolder));
  if SaveStringsToUTF8FileWithoutBOM(ExpandConstant(SettingsFile), Lines, False) then
    Log('Wrote machine defaults to ' + ExpandConstant(SettingsFile) + ': share ' + Share)
  else
    SuppressibleMsgBox('Could not write ' + ExpandConstant(SettingsFile) +
      '; set the shared folder in Rapport on each computer instead.', mbError, MB_OK, IDOK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if CurStep = ssPostInstall then
    WriteMachineDefaults();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The machine defaults belong to the installation; users' own settings and workspaces
    are never touched. }
  if CurUninstallStep = usPostUninstall then
  begin
    DeleteFile(ExpandConstant(SettingsFile));
    RemoveDir(ExpandConstant(SettingsFolder));
  end;
end;
