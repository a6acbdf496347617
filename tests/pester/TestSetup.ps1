# Dot-sourced by every test file: imports the built module (the one build.ps1 made) and shared helpers.
$modulePath = if ($env:ACHIEVEIT_TEST_MODULE) { $env:ACHIEVEIT_TEST_MODULE } else { Join-Path $PSScriptRoot '../../out/AchieveIt/AchieveIt.psd1' }
Import-Module $modulePath -Force

function New-TestCsv {
    # Writes text to a file in TestDrive as UTF-8 without BOM, exactly as given.
    param([string] $Name, [string] $Text)
    $path = Join-Path $TestDrive $Name
    [System.IO.File]::WriteAllText($path, $Text, [System.Text.UTF8Encoding]::new($false))
    $path
}
