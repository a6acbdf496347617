BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $packageFolder = if ($env:ACHIEVEIT_TEST_PACKAGE) { $env:ACHIEVEIT_TEST_PACKAGE } else { Join-Path $PSScriptRoot '../../out/package' }
}

Describe 'The package' -Tag 'Needs-PS7: PSResourceGet (Save-PSResource) ships with PowerShell 7.4 and later, not with Windows PowerShell 5.1' {
    It 'installs from a local repository into a folder and imports' {
        Get-ChildItem $packageFolder -Filter 'AchieveIt.*.nupkg' | Should -Not -BeNullOrEmpty
        $target = Join-Path $TestDrive 'modules'
        New-Item -ItemType Directory $target | Out-Null
        # In a child whose data folder is a throw-away one: the repository it registers is never in the user's profile.
        $data = (New-Item -ItemType Directory (Join-Path $TestDrive 'psresource-data')).FullName
        $script = @'
$repository = 'AchieveItTest-' + [guid]::NewGuid().ToString('N')
Register-PSResourceRepository -Name $repository -Uri $Arguments.Package -Trusted
Save-PSResource -Name AchieveIt -Repository $repository -Path $Arguments.Target -TrustRepository
$manifest = Get-ChildItem $Arguments.Target -Recurse -Filter AchieveIt.psd1 | Select-Object -First 1
@{ Manifest = $manifest.FullName } | ConvertTo-Json
'@
        $saved = Invoke-ChildPwsh -Script $script -Arguments @{ Package = $packageFolder; Target = $target } -Environment @{ XDG_DATA_HOME = $data; LOCALAPPDATA = $data }
        $saved.Manifest | Should -Not -BeNullOrEmpty
        Get-ChildItem $data -Recurse -Filter 'PSResourceRepository.xml' | Should -Not -BeNullOrEmpty # it went to the throw-away folder
        # A fresh pwsh, so the installed copy is what gets imported.
        $exported = & dotnet pwsh -NoProfile -NonInteractive -Command "Import-Module '$($saved.Manifest)'; (Get-Command -Module AchieveIt).Name -join ','"
        $LASTEXITCODE | Should -Be 0
        $exported -split ',' | Should -Contain 'Submit-AchieveItUpdates'
        $exported -split ',' | Should -Contain 'Test-AchieveItCsv'
        Join-Path (Split-Path $saved.Manifest) 'en-US/AchieveIt.PowerShell.dll-Help.xml' | Should -Exist
    }
}
