# Build ChannelDesk for Windows: the one-folder bundle, its self-check, and (where Inno Setup
# is installed) an installer with a Start-menu entry.
#
#   powershell -ExecutionPolicy Bypass -File build_scripts\build_windows.ps1 [-SkipInstaller]
#
# Output: dist\ChannelDesk\ChannelDesk.exe and dist\installer\ChannelDesk-Setup-<version>.exe
param(
    [switch]$SkipInstaller,
    [string]$Python = "python"
)
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# The bundle must not pick up another checkout through the environment.
Remove-Item Env:PYTHONPATH -ErrorAction SilentlyContinue
Remove-Item Env:PYTHONHOME -ErrorAction SilentlyContinue

& $Python build_scripts\build_bundle.py
if ($LASTEXITCODE -ne 0) { throw "bundle build failed ($LASTEXITCODE)" }

# Smoke test: the windowed exe has no console, so read the self-check's own log file.
$CheckDir = Join-Path $env:TEMP ("channeldesk-selfcheck-" + [guid]::NewGuid())
$env:QT_QPA_PLATFORM = "offscreen"
$proc = Start-Process -FilePath "dist\ChannelDesk\ChannelDesk.exe" -Wait -PassThru `
    -WorkingDirectory $env:TEMP -ArgumentList @("--data-dir", "`"$CheckDir`"", "--demo", "--self-check")
Remove-Item Env:QT_QPA_PLATFORM
Get-Content (Join-Path $CheckDir "self-check\self-check.log") -ErrorAction SilentlyContinue
if ($proc.ExitCode -ne 0) { throw "self-check failed ($($proc.ExitCode))" }

if ($SkipInstaller) { return }
$Iscc = @(
    (Get-Command iscc.exe -ErrorAction SilentlyContinue).Source,
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe"
) | Where-Object { $_ -and (Test-Path $_) } | Select-Object -First 1
if (-not $Iscc) {
    Write-Host "Inno Setup not found: skipping the installer (the bundle is in dist\ChannelDesk)"
    return
}
$Version = (& $Python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").Trim()
& $Iscc "/DAppVersion=$Version" "/DSourceDir=$Root\dist\ChannelDesk" "/O$Root\dist\installer" `
    build_scripts\channeldesk.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed ($LASTEXITCODE)" }
Get-ChildItem dist\installer
