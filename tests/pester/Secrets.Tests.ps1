# The API key must never be readable: not in output, any stream, $Error, error targets or inner exceptions.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $other = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $key = ConvertTo-TestKey $sandbox.Key
    $wrongText = 'wrong-' + [guid]::NewGuid().ToString('N')
    $wrong = ConvertTo-TestKey $wrongText

    # Everything a person or a log could read of a record, as text.
    function ConvertTo-ReadableText($record) {
        $parts = [System.Collections.Generic.List[string]]::new()
        $parts.Add(($record | Out-String -Width 400))
        if ($record -is [System.Management.Automation.ErrorRecord]) {
            $parts.Add($record.Exception.ToString())
            $exception = $record.Exception
            while ($exception) { $parts.Add(($exception | Format-List * -Force | Out-String -Width 400)); $exception = $exception.InnerException }
            $parts.Add(($record.TargetObject | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue))
            $parts.Add([System.Management.Automation.PSSerializer]::Serialize($record.TargetObject, 5))
            $parts.Add("$($record.ErrorDetails) $($record.CategoryInfo) $($record.FullyQualifiedErrorId)")
        } elseif ($null -ne $record -and $record -isnot [string]) {
            $parts.Add(($record | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue))
            $parts.Add([System.Management.Automation.PSSerializer]::Serialize($record, 5))
        }
        $parts -join "`n"
    }

    function Invoke-Everywhere([scriptblock] $Script) {
        $Error.Clear()
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
        $records = & { try { & $Script } catch { $_ } } *>&1
        (@($records) + @($Error)) | ForEach-Object { ConvertTo-ReadableText $_ } | Out-String
    }
}

AfterAll {
    Stop-TestSandbox $sandbox
    Stop-TestSandbox $other
}

Describe 'The API key' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'never shows on <Case>' -ForEach @(
        @{ Case = 'Connect, submit, wait and get that succeed'; Script = {
            Connect-AchieveIt -ApiKey $key -BaseUri $sandbox.Uri -Verbose -Debug
            $job = New-TestRows 2 | Submit-AchieveItUpdates -Wait -Verbose -Debug
            Get-AchieveItJob -JobId $job.JobId -Verbose -Debug
            $job | Wait-AchieveItJob -Verbose -Debug
            Disconnect-AchieveIt -Verbose -Debug
        } }
        @{ Case = 'a key from ACHIEVEIT_API_KEY'; Script = {
            $env:ACHIEVEIT_API_KEY = $sandbox.Key
            try { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -Wait -Verbose -Debug } finally { $env:ACHIEVEIT_API_KEY = $null }
        } }
        @{ Case = 'a refused key (403)'; Script = { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $wrong -Verbose -Debug } }
        @{ Case = 'a refused key on status (403)'; Script = { Get-AchieveItJob -JobId ([guid]::NewGuid()) -BaseUri $sandbox.Uri -ApiKey $wrong -Verbose -Debug } }
        @{ Case = 'a 401'; Faults = @(@{ target = 'submit'; action = 'status'; status = 401 }); Script = {
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
        } }
        @{ Case = 'a dropped connection'; Faults = @(@{ target = 'submit'; action = 'drop' }); Script = {
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
        } }
        @{ Case = 'a server that never queues'; Faults = @(@{ target = 'submit'; action = 'status'; status = 503; retryAfter = '0'; count = 4 }); Script = {
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
        } }
        @{ Case = 'a redirect to another origin'; Faults = @(@{ target = 'submit'; action = 'redirect'; status = 307; location = 'OTHER/api/x' }); Script = {
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
        } }
        @{ Case = 'a failed job, an unknown job and a timeout'; Faults = @(@{ action = 'failJob' }, @{ target = 'status'; action = 'delay'; delayMs = 3000; count = 2 }); Script = {
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Wait -Verbose -Debug
            Get-AchieveItJob -JobId ([guid]::NewGuid()) -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Wait -Timeout 1 -Verbose -Debug
        } }
        @{ Case = 'the plan read, refused, broken and checked'; Faults = @(@{ target = 'plan'; action = 'status'; status = 200; bodyBytes = 100; echoAuthorization = $true }); Script = {
            Get-AchieveItPlanItem -PlanId 'no-such-plan' -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
            Get-AchieveItPlanItem -PlanId 'no-such-plan' -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
            Get-AchieveItPlanItem -PlanId 'p' -BaseUri $sandbox.Uri -ApiKey $wrong -Verbose -Debug
            New-TestRows 1 | Submit-AchieveItUpdates -PlanId 'no-such-plan' -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
        } }
        @{ Case = 'invalid rows and plain http elsewhere'; Script = {
            [pscustomobject]@{ Id = 'X'; Status = 'no' } | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Verbose -Debug
            New-TestRows 1 | Submit-AchieveItUpdates -BaseUri 'http://achieveit.invalid' -ApiKey $key -Verbose -Debug
        } }
    ) {
        # Faults are set up outside the capture: the test's own Invoke-RestMethod calls carry the key.
        foreach ($fault in @($Faults | Where-Object { $_ })) {
            if ($fault.location) { $fault.location = $fault.location -replace '^OTHER', $other.Uri }
            Add-SandboxFault $sandbox $fault
        }
        $text = Invoke-Everywhere $Script
        $text.Length | Should -BeGreaterThan 100 # the capture worked
        $text | Should -Not -Match ([regex]::Escape($sandbox.Key))
        $text | Should -Not -Match ([regex]::Escape($wrongText))
    }

    It 'shows at most API-KEY **** and the last four characters in Verbose' {
        $text = Invoke-Everywhere { New-TestRows 1 | Submit-AchieveItUpdates -BaseUri $sandbox.Uri -ApiKey $key -Verbose }
        $text | Should -Match ([regex]::Escape('API-KEY ****' + $sandbox.Key.Substring($sandbox.Key.Length - 4)))
    }

    It 'is a SecureString wherever a cmdlet takes -ApiKey' {
        $withKey = Get-Command -Module AchieveIt -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('ApiKey') }
        $withKey.Name | Sort-Object | Should -Be @('Compare-AchieveItUpdate', 'Connect-AchieveIt', 'Get-AchieveItJob', 'Get-AchieveItPlanItem', 'Submit-AchieveItUpdates', 'Wait-AchieveItJob')
        $withKey | ForEach-Object { $_.Parameters['ApiKey'].ParameterType | Should -Be ([securestring]) -Because $_.Name }
    }

    It 'is not a property of the job objects' {
        [AchieveIt.Job].GetProperties().Name | Should -Not -Contain 'ApiKey'
        [AchieveIt.Job].GetProperties().PropertyType | Should -Not -Contain ([securestring])
    }
}
