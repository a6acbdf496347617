# The duplicate guard across processes and under damage, and hostile -Path inputs (issues 21 and 28): every case
# counts the POSTs the sandbox received (at most one per content) and, for the memory cases, a child's peak working set.
BeforeAll {
    . $PSScriptRoot/TestSetup.ps1
    $sandbox = Start-TestSandbox -SandboxPath $SandboxPath -ProcessingDelayMs 0
    $key = ConvertTo-TestKey $sandbox.Key
    $connection = @{ BaseUri = $sandbox.Uri; ApiKey = $key }
    $onUnix = $IsLinux -or $IsMacOS
    function Get-PostCount { @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').Count }
    # Runs a script in a child pwsh with the module; returns its exit code, output and peak working set (MB).
    function Invoke-Child([string] $Script, [hashtable] $Environment = @{}) {
        $file = Join-Path $TestDrive ("child-" + [guid]::NewGuid().ToString('N') + '.ps1')
        Set-Content $file "Import-Module '$modulePath'`n$Script`n'PEAK ' + [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
        $process = Start-ChildPwsh -File $file -Environment $Environment
        $out = $process.StandardOutput.ReadToEndAsync(); $err = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit(120000) | Should -BeTrue
        $text = $out.Result + $err.Result
        $peak = if ($text -match 'PEAK (\d+)') { [long]$Matches[1] / 1MB } else { $null }
        [pscustomobject]@{ ExitCode = $process.ExitCode; Text = $text; PeakMB = $peak }
    }
    # Hostile -Path inputs (50 MB single lines, a 2 GB sparse file), made once and read by one child: Test and Submit
    # on each in turn, with the child's peak working set after each. The files are deleted afterwards.
    function Invoke-HostileInputs {
        $make = [ordered]@{
            'a 50 MB line of commas under a header' = { param($w) $h = [Text.Encoding]::ASCII.GetBytes("External ID,Status,Metric Value,As Of Date`n"); $w.Write($h, 0, $h.Length); $c = [byte[]]::new(1MB); [Array]::Fill($c, [byte][char]','); 1..50 | ForEach-Object { $w.Write($c, 0, $c.Length) } }
            'a 50 MB line of short fields' = { param($w) $c = [Text.Encoding]::ASCII.GetBytes(('a,' * 512KB)); 1..50 | ForEach-Object { $w.Write($c, 0, $c.Length) } }
            'a 50 MB line with no line end' = { param($w) $c = [byte[]]::new(1MB); [Array]::Fill($c, [byte][char]'x'); 1..50 | ForEach-Object { $w.Write($c, 0, $c.Length) } }
            'a 2 GB sparse file' = { param($w) $w.SetLength(2GB) }
        }
        $cases = foreach ($name in $make.Keys) {
            $file = Join-Path $TestDrive ("hostile-" + [guid]::NewGuid().ToString('N') + '.csv')
            $writer = [IO.File]::Create($file)
            try { & $make[$name] $writer } finally { $writer.Dispose() }
            @{ Case = $name; File = $file }
        }
        $json = ($cases | ConvertTo-Json -Compress) -replace "'", "''"
        $script = @"
`$results = foreach (`$case in ('$json' | ConvertFrom-Json)) {
    `$test = "`$((Test-AchieveItCsv -LiteralPath `$case.File).Errors.Code)"
    `$submit = try { Submit-AchieveItUpdates -LiteralPath `$case.File -ErrorAction Stop; 'sent' } catch { `$_.Exception.Message }
    @{ Case = `$case.Case; File = (Split-Path `$case.File -Leaf); Test = `$test; Submit = `$submit; PeakMB = [int]([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB) }
}
'RESULTS ' + (`$results | ConvertTo-Json -Compress)
"@
        try {
            $child = Invoke-Child $script @{ ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri; ACHIEVEIT_JOURNAL_PATH = 'off' }
        } finally { $cases | ForEach-Object { Remove-Item $_.File -ErrorAction SilentlyContinue } }
        if ($child.Text -notmatch 'RESULTS (.+)') { throw "The child gave no results: $($child.Text)" }
        $posts = @(Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST')
        foreach ($result in @($Matches[1] | ConvertFrom-Json)) {
            $result | Add-Member Posts @($posts | Where-Object { $_.path -like "*$($result.File)" }).Count -PassThru
        }
    }
}

AfterAll {
    Stop-TestSandbox $sandbox
    $env:ACHIEVEIT_JOURNAL_PATH = 'off'
}

Describe 'One submission per content, across processes' -Tag 'Needs-PS7: child processes started as pwsh' {
    BeforeEach { Reset-Sandbox $sandbox }

    It 'makes exactly one job when four processes submit the same file at once, round after round' {
        $folder = New-PrivateFolder
        $environment = @{ ACHIEVEIT_JOURNAL_PATH = $folder; ACHIEVEIT_API_KEY = $sandbox.Key; ACHIEVEIT_BASE_URI = $sandbox.Uri }
        foreach ($round in 1..5) {
            $csv = New-TestCsv "race-$round.csv" "KPI-$round,On Track,1,2026-11-28`r`n"
            $script = Join-Path $TestDrive "race-$round.ps1"
            Set-Content $script @"
Import-Module '$modulePath'
try { `$job = Submit-AchieveItUpdates -LiteralPath '$csv' -ErrorAction Stop -WarningAction SilentlyContinue; "JOB `$(`$job.JobId)" }
catch { "ERROR `$(`$_.FullyQualifiedErrorId)" }
"@
            $before = Get-PostCount
            $processes = 1..4 | ForEach-Object { Start-ChildPwsh -File $script -Environment $environment }
            $said = foreach ($p in $processes) { $p.WaitForExit(60000) | Should -BeTrue; $p.StandardOutput.ReadToEnd() }
            (Get-PostCount) - $before | Should -Be 1 -Because "round ${round}: one POST for one content"
            $jobs = @($said | Select-String 'JOB (\S+)' | ForEach-Object { $_.Matches[0].Groups[1].Value } | Sort-Object -Unique)
            $jobs.Count | Should -BeLessOrEqual 1 -Because 'a rerun is answered with the one job, never another'
            foreach ($line in $said) { $line | Should -Match '^(JOB |ERROR DuplicateSubmission,)' }
        }
    }
}

Describe 'A journal that cannot guard sends nothing' {
    BeforeEach { Reset-Sandbox $sandbox; $env:ACHIEVEIT_JOURNAL_PATH = New-PrivateFolder }
    AfterEach { $env:ACHIEVEIT_JOURNAL_PATH = 'off' }

    It 'refuses with JournalUnavailable when a folder stands where the journal belongs; -Force or the journal off sends' {
        New-Item -ItemType Directory (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl') | Out-Null
        $caught = $null
        try { New-TestRows 1 | Submit-AchieveItUpdates @connection } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'JournalUnavailable,*'
        $caught.Exception.Message | Should -Match 'journal\.jsonl'
        $caught.Exception.Message | Should -Match '-Force sends without the guard'
        Get-PostCount | Should -Be 0
        (New-TestRows 1 | Submit-AchieveItUpdates @connection -Force -WarningVariable warnings -WarningAction SilentlyContinue).JobId | Should -Not -BeNullOrEmpty
        ($warnings -join ' ') | Should -Match 'without the duplicate guard'
        $env:ACHIEVEIT_JOURNAL_PATH = 'off'
        (New-TestRows 1 | Submit-AchieveItUpdates @connection).JobId | Should -Not -BeNullOrEmpty
        Get-PostCount | Should -Be 2
    }

    It 'refuses at once when the journal is a FIFO, and Get-AchieveItJob -Recent does not hang' -Tag 'Needs-Unix: mkfifo' {
        mkfifo (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl')
        $clock = [Diagnostics.Stopwatch]::StartNew()
        { New-TestRows 1 | Submit-AchieveItUpdates @connection } | Should -Throw -ErrorId 'JournalUnavailable,*'
        @(Get-AchieveItJob -Recent @connection -WarningVariable warnings -WarningAction SilentlyContinue).Count | Should -Be 0
        ($warnings -join ' ') | Should -Match 'FIFO'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        Get-PostCount | Should -Be 0
    }

    It 'starts a fresh line after a line cut short, so the same file twice is still one job' {
        $csv = New-TestCsv 'cut.csv' "KPI-7,On Track,1,2026-11-28`r`n"
        New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null
        $journal = Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl'
        $bytes = [IO.File]::ReadAllBytes($journal)
        [IO.File]::WriteAllBytes($journal, $bytes[0..($bytes.Length - 7)]) # the last line cut by 5 bytes and its line break
        Submit-AchieveItUpdates -LiteralPath $csv @connection -WarningAction SilentlyContinue | Out-Null
        Submit-AchieveItUpdates -LiteralPath $csv @connection -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null
        Get-PostCount | Should -Be 2 -Because 'the rows once, and the file once'
        ($warnings -join ' ') | Should -Match 'damaged line.*journal\.jsonl.*line'
    }

    It 'refuses when the disk under the journal is full, and a full disk never leads to a second job' -Tag 'Needs-Unix: a tmpfs of 64 KiB' {
        $mount = Join-Path $TestDrive ("full-" + [guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory $mount | Out-Null
        mount -t tmpfs -o size=64k,mode=700 tmpfs $mount 2>$null
        if ($LASTEXITCODE -ne 0) { Set-ItResult -Skipped -Because 'this machine does not let the tests mount a tmpfs'; return }
        try {
            $env:ACHIEVEIT_JOURNAL_PATH = $mount
            New-TestRows 1 | Submit-AchieveItUpdates @connection | Out-Null # the journal exists
            # Blank lines up to the end of its last page, so that the next line needs a page the disk no longer has.
            $journal = Join-Path $mount 'journal.jsonl'
            $size = (Get-Item $journal).Length
            [IO.File]::AppendAllText($journal, (' ' * (4096 - ($size % 4096) - 1)) + "`n")
            $filler = [IO.File]::Open((Join-Path $mount 'filler'), 'Create')
            try { $chunk = [byte[]]::new(4096); while ($true) { $filler.Write($chunk, 0, $chunk.Length); $filler.Flush() } } catch { } finally { $filler.Dispose() }
            $csv = New-TestCsv 'full.csv' "KPI-9,On Track,1,2026-11-28`r`n"
            { Submit-AchieveItUpdates -LiteralPath $csv @connection } | Should -Throw -ErrorId 'JournalUnavailable,*'
            Get-PostCount | Should -Be 1
            Remove-Item (Join-Path $mount 'filler')
            Submit-AchieveItUpdates -LiteralPath $csv @connection -WarningAction SilentlyContinue | Out-Null
            Submit-AchieveItUpdates -LiteralPath $csv @connection -WarningAction SilentlyContinue | Out-Null
            Get-PostCount | Should -Be 2
        } finally { $env:ACHIEVEIT_JOURNAL_PATH = 'off'; umount $mount }
    }

    It 'leaves a shared journal folder (mode <Mode>) exactly as it is and guards from a private subfolder' -Tag 'Needs-Unix: file modes' -ForEach @(@{ Mode = '1777' }, @{ Mode = '755' }) {
        $shared = (New-Item -ItemType Directory (Join-Path $TestDrive ("shared-" + [guid]::NewGuid().ToString('N')))).FullName
        chmod $Mode $shared
        $env:ACHIEVEIT_JOURNAL_PATH = $shared
        $csv = New-TestCsv 'shared.csv' "KPI-3,On Track,1,2026-11-28`r`n"
        Submit-AchieveItUpdates -LiteralPath $csv @connection | Out-Null
        Submit-AchieveItUpdates -LiteralPath $csv @connection -WarningAction SilentlyContinue | Out-Null
        (stat -c '%a' $shared) | Should -Be $Mode
        @(Get-ChildItem $shared -Directory -Filter 'achieveit-*').Count | Should -Be 1
        Get-PostCount | Should -Be 1
    }

    It 'keeps the guard for a state folder reached through a symbolic link' -Tag 'Needs-Unix: symbolic links' {
        $real = New-PrivateFolder
        $link = Join-Path $TestDrive ("link-" + [guid]::NewGuid().ToString('N'))
        ln -s $real $link
        $env:ACHIEVEIT_JOURNAL_PATH = $link
        $csv = New-TestCsv 'linked.csv' "KPI-4,On Track,1,2026-11-28`r`n"
        Submit-AchieveItUpdates -LiteralPath $csv @connection | Out-Null
        Submit-AchieveItUpdates -LiteralPath $csv @connection -WarningAction SilentlyContinue | Out-Null
        Test-Path (Join-Path $real 'journal.jsonl') | Should -BeTrue
        Get-PostCount | Should -Be 1
    }

    It 'records an upload stopped by Ctrl+C before its last byte as not queued, so the rerun sends it' {
        $big = Join-Path $TestDrive 'big-stop.csv'
        $writer = [IO.StreamWriter]::new($big)
        for ($i = 0; $i -lt 600000; $i++) { $writer.Write("KPI-$i,On Track,1,2026-11-28,a comment of some length`r`n") }
        $writer.Dispose()
        Add-SandboxFault $sandbox @{ target = 'submit'; action = 'delay'; delayMs = 5000 } # the server takes no byte for 5 s
        $held = Get-HeldCount $sandbox
        $ps = New-ModulePowerShell
        try {
            # One command, not a batch: a batch stopped midway can write to a closed stream from the thread pool. The
            # journal folder is this process's environment, which the runspace shares.
            $null = $ps.AddCommand('Submit-AchieveItUpdates').AddParameter('LiteralPath', $big).AddParameters($connection)
            $handle = $ps.BeginInvoke()
            Wait-Until { (Get-HeldCount $sandbox) -gt $held } -What 'the upload to reach the server'
            $ps.Stop()
        } finally { $ps.Dispose() }
        (Get-Content (Join-Path $env:ACHIEVEIT_JOURNAL_PATH 'journal.jsonl') -Raw) | Should -Match '"notQueued".*"Stopped"'
        # The server logs the cut upload when its delay ends: wait for it, so it lands in this test and no later one.
        Wait-Until { Get-SandboxRequest $sandbox | Where-Object { $_.method -eq 'POST' -and $_.path -like '*big-stop.csv' } } -What 'the sandbox to log the cut upload'
        (Get-SandboxRequest $sandbox | Where-Object { $_.method -eq 'POST' -and $_.path -like '*big-stop.csv' }).aborted | Should -BeTrue
        Reset-Sandbox $sandbox
        (Submit-AchieveItUpdates -LiteralPath $big @connection).JobId | Should -Not -BeNullOrEmpty
    }
}

Describe 'Hostile -Path inputs' {
    BeforeAll { $env:ACHIEVEIT_JOURNAL_PATH = 'off' }
    BeforeEach { Reset-Sandbox $sandbox }

    It 'answers <Case> with <Code> in bounded memory (Test and Submit -Path, in one fresh pwsh)' -Tag 'Needs-PS7: child processes started as pwsh' -ForEach @(
        @{ Case = 'a 50 MB line of commas under a header'; Code = 'ColumnCount' }
        @{ Case = 'a 50 MB line of short fields'; Code = 'ColumnCount' }
        @{ Case = 'a 50 MB line with no line end'; Code = 'FieldTooLong' }
        @{ Case = 'a 2 GB sparse file'; Code = 'FieldTooLong' }
    ) {
        # The four files are made and read once, by one child, at the first case; each case then reads its result.
        if (-not $script:hostile) { $script:hostile = Invoke-HostileInputs }
        $result = $script:hostile | Where-Object Case -EQ $Case
        $result.Test | Should -Match $Code
        $result.Submit | Should -Match $Code
        $result.PeakMB | Should -BeLessThan 300 # the child's peak after this case: every case before it was bounded too
        $result.Posts | Should -Be 0
    }

    It 'refuses /dev/zero at once and reads /proc/self/environ without showing the key' -Tag 'Needs-Unix: device and proc files' {
        { Submit-AchieveItUpdates -LiteralPath /dev/zero @connection -ErrorAction Stop } | Should -Throw -ErrorId 'NotARegularFile,*'
        $env:ACHIEVEIT_SECRET_PROBE = $sandbox.Key
        try {
            $errors = $null
            Submit-AchieveItUpdates -LiteralPath /proc/self/environ @connection -ErrorVariable errors -ErrorAction SilentlyContinue | Out-Null
        } finally { Remove-Item Env:ACHIEVEIT_SECRET_PROBE }
        $errors.Count | Should -BeGreaterThan 0
        ($errors | Out-String) | Should -Not -Match ([regex]::Escape($sandbox.Key))
        Get-PostCount | Should -Be 0
    }

    It 'uploads a file whose name holds <Name> under a name AchieveIt accepts' -ForEach @(@{ Name = '[ ]' ; File = 'kpi [draft].csv' }, @{ Name = '* ?'; File = 'kpi*new?.csv' }) {
        if ($File -match '[*?]' -and -not ($IsLinux -or $IsMacOS)) { Set-ItResult -Skipped -Because 'Windows file names cannot hold * or ?'; return }
        $path = Join-Path $TestDrive $File
        [IO.File]::WriteAllText($path, "KPI-5,On Track,1,2026-11-28`r`n")
        $job = Submit-AchieveItUpdates -LiteralPath $path @connection -WarningVariable warnings -WarningAction SilentlyContinue
        $job.FileName | Should -Match '^[A-Za-z0-9][A-Za-z0-9._() -]*$'
        ($warnings -join ' ') | Should -Match 'is uploaded as'
        Get-PostCount | Should -Be 1
        (Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST').status | Should -Be 200
    }

    It 'finds a name with [ ] under -Path when the brackets are escaped' {
        $path = Join-Path $TestDrive 'kpi [q4].csv'
        [IO.File]::WriteAllText($path, "KPI-6,On Track,1,2026-11-28`r`n")
        $job = Submit-AchieveItUpdates -Path ([WildcardPattern]::Escape($path)) @connection -WarningAction SilentlyContinue
        $job.FileName | Should -Be 'kpi _q4_.csv'
    }

    It 'refuses a NUL in a comment with the field named, and shows control characters escaped' {
        $path = Join-Path $TestDrive 'nul.csv'
        [IO.File]::WriteAllText($path, "External ID,Status,Metric Value,As Of Date,Comment`r`nKPI-1,On Track,1,2026-11-28,bad`0comment`r`nKPI`0-2,On Track,1,2026-11-28,ok`r`n")
        $result = Test-AchieveItCsv $path
        $result.Errors.Code | Should -Contain 'NulCharacter'
        ($result.Errors | Where-Object Code -EQ 'NulCharacter').Column | Should -Be 'Comment'
        foreach ($issue in $result.Errors) { $issue.Message | Should -Not -Match '[\x00-\x08\x0B\x0C\x0E-\x1F]' }
        { Submit-AchieveItUpdates -LiteralPath $path @connection -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidRows,*'
        Get-PostCount | Should -Be 0
    }
}

Describe 'The sandbox at its edges' {
    It 'prints its usage for --help' {
        $text = & dotnet $SandboxPath --help
        $LASTEXITCODE | Should -Be 0
        ($text -join "`n") | Should -Match 'Usage: dotnet AchieveIt.Sandbox.dll --api-key KEY'
        ($text -join "`n") | Should -Match '--max-concurrent-uploads N'
        ($text -join "`n") | Should -Match 'What it keeps: an upload is written to a file as it arrives'
    }

    It 'logs an upload cut short as aborted, never 200, and makes no job' {
        Reset-Sandbox $sandbox
        $uri = [uri]$sandbox.Uri
        $client = [Net.Sockets.TcpClient]::new($uri.Host, $uri.Port)
        $stream = $client.GetStream()
        $head = [Text.Encoding]::ASCII.GetBytes("POST /api/progressupdates/cut.csv HTTP/1.1`r`nHost: $($uri.Authority)`r`nAuthorization: API-KEY $($sandbox.Key)`r`nContent-Length: 100000`r`n`r`nKPI-1,On Track,1,2026-11-28`r`n")
        $stream.Write($head, 0, $head.Length)
        Wait-Until { (Invoke-SandboxApi $sandbox -Path '/sandbox/uploads').receiving -ge 1 } -What 'the sandbox to start receiving the body'
        $client.Dispose()
        Wait-Until { Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST' } -What 'the sandbox to log the cut upload'
        $post = Get-SandboxRequest $sandbox | Where-Object method -EQ 'POST'
        $post.aborted | Should -BeTrue
        $post.status | Should -Not -Be 200
        @(Invoke-SandboxApi $sandbox -Path '/sandbox/jobs').Count | Should -Be 0
    }
}
