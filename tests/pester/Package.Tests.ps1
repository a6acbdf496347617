BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $packageFolder = if ($env:ACHIEVEIT_TEST_PACKAGE) { $env:ACHIEVEIT_TEST_PACKAGE } else { Join-Path $PSScriptRoot '../../out/package' }
}

Describe 'The package' {
    It 'installs from a local repository into a folder and imports' {
        Get-ChildItem $packageFolder -Filter 'AchieveIt.*.nupkg' | Should -Not -BeNullOrEmpty
        $repository = 'AchieveItTest-' + [guid]::NewGuid().ToString('N')
        $target = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $target | Out-Null
        Register-PSResourceRepository -Name $repository -Uri $packageFolder -Trusted
        try {
            Save-PSResource -Name AchieveIt -Repository $repository -Path $target -TrustRepository
        } finally {
            Unregister-PSResourceRepository -Name $repository
        }
        $manifest = Get-ChildItem $target -Recurse -Filter AchieveIt.psd1 | Select-Object -First 1
        $manifest | Should -Not -BeNullOrEmpty
        # A fresh pwsh, so the installed copy is what gets imported.
        $exported = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$($manifest.FullName)'; (Get-Command -Module AchieveIt).Name -join ','"
        $LASTEXITCODE | Should -Be 0
        $exported -split ',' | Should -Contain 'Submit-AchieveItUpdates'
        $exported -split ',' | Should -Contain 'Test-AchieveItCsv'
        Join-Path $manifest.DirectoryName 'en-US/AchieveIt.PowerShell.dll-Help.xml' | Should -Exist
    }
}
