# Submit -Path sends the bytes it checked: a file that something writes to after its check is not sent.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = (ConvertTo-TestKey $sandbox.Key) }

    # Starts Submit -LiteralPath in another runspace and returns once the file was checked and its first POST
    # answered 503 (Retry-After 3 s): a change made then lands between the check and the upload that counts.
    function Start-HeldSubmit([string] $Path) {
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'status'; status = 503; retryAfter = '3' }
        $ps = New-ModulePowerShell
        $null = $ps.AddCommand('Submit-AchieveItUpdates').AddParameter('LiteralPath', $Path).AddParameters($connection)
        $handle = $ps.BeginInvoke()
        Wait-Until { @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count -gt 0 } -What 'the first upload to be refused' -Seconds 60
        @{ PowerShell = $ps; Handle = $handle }
    }

    function Complete-HeldSubmit($Held) {
        try {
            @{ Output = @($Held.PowerShell.EndInvoke($Held.Handle)); Errors = @($Held.PowerShell.Streams.Error) }
        } finally { $Held.PowerShell.Dispose() }
    }

    function New-RowsText([int] $Count) {
        $text = [System.Text.StringBuilder]::new("External ID,Status,Current Metric Value,As Of Date,Comment`r`n")
        foreach ($i in 1..$Count) { $null = $text.Append("KPI-$i,On Track,$i,2026-11-28,a comment`r`n") }
        $text.ToString()
    }
}

AfterAll { Stop-TestSandbox $sandbox }

Describe 'A file that changes after its check' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'is not sent when it grew (an export still writing): FileChanged before a byte of it leaves' {
        $path = New-TestCsv 'growing.csv' (New-RowsText 3)
        $held = Start-HeldSubmit $path
        [System.IO.File]::AppendAllText($path, "KPI-4,Bogus,x,not a date,unchecked`r`n")
        $result = Complete-HeldSubmit $held

        $result.Output | Should -BeNullOrEmpty
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'FileChanged,*'
        $result.Errors[0].Exception.Message | Should -Match 'changed after it was checked'
        $result.Errors[0].TargetObject | Should -Be $path
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1 # only the 503: no second request
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be 0
    }

    It 'is not queued when it was rewritten in place to the same size: the upload stops before its last part' {
        $text = New-RowsText 60000 # over 3 MB: read and sent in several parts
        $path = New-TestCsv 'rewritten.csv' $text
        $held = Start-HeldSubmit $path
        $stream = [System.IO.File]::Open($path, 'Open', 'ReadWrite', 'ReadWrite')
        try {
            # The last row's status, the same length: an unchecked, invalid row.
            $at = [System.Text.Encoding]::UTF8.GetByteCount($text.Substring(0, $text.LastIndexOf('On Track')))
            $stream.Position = $at
            $bogus = [System.Text.Encoding]::UTF8.GetBytes('Bogus!!!')
            $stream.Write($bogus, 0, $bogus.Length)
        } finally { $stream.Dispose() }
        $result = Complete-HeldSubmit $held

        $result.Output | Should -BeNullOrEmpty
        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'FileChanged,*'
        $result.Errors[0].Exception.Message | Should -Match 'differ from the bytes checked'
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be 0
        # The sandbox logs the cut request once it gives up reading it.
        Wait-Until { @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count -ge 2 } -What 'the cut upload to be logged' -Seconds 20
        $posts = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')
        $posts.Count | Should -Be 2
        $posts[1].bodySha256 | Should -BeNullOrEmpty # the sandbox never received the whole body
    }

    It 'is not retried as a network error when it was deleted: FileChanged at once' {
        $path = New-TestCsv 'deleted.csv' (New-RowsText 3)
        $held = Start-HeldSubmit $path
        Remove-Item -LiteralPath $path
        $result = Complete-HeldSubmit $held

        $result.Errors[0].FullyQualifiedErrorId | Should -BeLike 'FileChanged,*'
        $result.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $result.Errors[0].Exception.Message | Should -Match 'cannot be read any more'
        @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count | Should -Be 1
    }

    It 'is sent as before when nothing changes while the upload waits to retry' {
        $path = New-TestCsv 'steady.csv' (New-RowsText 20000)
        $result = Complete-HeldSubmit (Start-HeldSubmit $path)
        $result.Errors | Should -BeNullOrEmpty
        $result.Output[0].JobId | Should -Not -BeNullOrEmpty
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be 1
    }
}
