<#
.SYNOPSIS
    Measures the module on this machine and prints one table. The speed ratios are measured side by side in one
    warm pwsh (best of -Runs, the contenders taking turns so that a slow moment of the machine hits them alike);
    peak memory is measured in a fresh pwsh per path, so it is the whole process's, as a user's session would see it.
.PARAMETER Rows
    The large size (default 1,000,000 rows).
.PARAMETER SmallRows
    The small size (default 100,000 rows).
.PARAMETER Runs
    Runs per measurement; the best counts (default 3).
.PARAMETER PassThru
    Also writes the table's rows as objects.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SandboxPath,
    # The limit contender's module (tests/bench/Contender, built by build.ps1 -Task Bench).
    [Parameter(Mandatory)] [string] $ContenderPath,
    [ValidateRange(100, 100000000)] [int] $Rows = 1000000,
    [ValidateRange(100, 100000000)] [int] $SmallRows = 100000,
    [ValidateRange(1, 20)] [int] $Runs = 3,
    [switch] $PassThru
)

$ErrorActionPreference = 'Stop'
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$SandboxPath = (Resolve-Path -LiteralPath $SandboxPath).Path
$ContenderPath = (Resolve-Path -LiteralPath $ContenderPath).Path
. (Join-Path $PSScriptRoot '../common/Sandbox.ps1')
$work = Join-Path ([IO.Path]::GetTempPath()) ("achieveit-bench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null

function New-BenchFile([string] $Path, [int] $Count, [switch] $Invalid) {
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.Write("External ID,Status,Current Metric Value,As Of Date,Comment`r`n")
        # Each ID once per date, so the file is valid with no duplicate warning.
        $statuses = 'On Track', 'Off Track', 'At Risk', 'Achieved', 'Not Started'
        for ($i = 1; $i -le $Count; $i++) {
            if ($Invalid) { $writer.Write("KPI-$i,Bogus,$($i % 1000).25,2026-13-$((1 + $i % 28).ToString("00")),note`r`n"); continue } # two errors a row
            $writer.Write("KPI-$i,$($statuses[$i % 5]),$($i % 1000).25,2026-11-$((1 + $i % 28).ToString("00")),`"note $i, ok`"`r`n")
        }
    } finally { $writer.Dispose() }
}

# A plan whose items say how they are now (Status, Current Value, Last Updated) for the bench file's IDs: a mix of items
# the rows change, leave as they are, and are older than.
function New-StatePlanFile([string] $Path, [int] $Count) {
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.Write("External ID,HasMetric,Name,Status,Current Value,Last Updated`r`n")
        $statuses = 'On Track', 'Off Track', 'At Risk', 'Achieved', 'Not Started'
        for ($i = 1; $i -le $Count; $i++) { $writer.Write("KPI-$i,true,Item $i,$($statuses[($i + $i % 3) % 5]),$($i % 1000).25,2026-11-$((1 + ($i + 7) % 28).ToString("00"))`r`n") }
    } finally { $writer.Dispose() }
}

# Runs a script in a fresh pwsh with the module imported and returns what its last line wrote (JSON).
function Invoke-Fresh([string] $Script) {
    # A journal folder of its own per process: the runs never touch the user's journal, nor refuse each other as duplicates.
    $journal = Join-Path $work ('journal-' + [guid]::NewGuid().ToString('N'))
    $wrapped = "`$ErrorActionPreference='Stop'; `$ProgressPreference='SilentlyContinue'; `$env:ACHIEVEIT_JOURNAL_PATH = '$journal'; Import-Module '$ModulePath'; $Script"
    $line = & dotnet pwsh -NoProfile -NonInteractive -Command $wrapped | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0) { throw "Benchmark step failed: $Script" }
    $line | ConvertFrom-Json
}

# Seconds and peak working set (MB) of one script in a fresh pwsh; -Warmup runs first, untimed.
function Measure-Fresh([string] $Script, [string] $Warmup = '') {
    Invoke-Fresh "$Warmup; `$sw = [Diagnostics.Stopwatch]::StartNew(); $Script; @{ Seconds = `$sw.Elapsed.TotalSeconds; PeakMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB } | ConvertTo-Json -Compress"
}

$results = [Collections.Generic.List[object]]::new()
function Add-Row([string] $Benchmark, $Seconds = '', $RowsPerSecond = '', $PeakMB = '', [string] $Aim = '') {
    $results.Add([pscustomobject]@{
            Benchmark = $Benchmark
            Seconds   = if ($Seconds -is [double]) { [math]::Round($Seconds, 2) } else { $Seconds }
            'Rows/s'  = if ($RowsPerSecond -is [double]) { '{0:n0}' -f $RowsPerSecond } else { $RowsPerSecond }
            'Peak MB' = if ($PeakMB -is [double]) { [int][math]::Round($PeakMB) } else { $PeakMB }
            Aim       = $Aim
        })
}
function Format-Ratio([double] $Value, [double] $Aim, [string] $Unit = 'x') { '{0:0.00}{1} (aim <= {2}{1}: {3})' -f $Value, $Unit, $Aim, $(if ($Value -le $Aim) { 'met' } else { 'not met' }) }

try {
    $big = Join-Path $work 'big.csv'; $small = Join-Path $work 'small.csv'; $tiny = Join-Path $work 'tiny.csv'
    Write-Host "Generating $Rows and $SmallRows rows..."
    New-BenchFile $big $Rows; New-BenchFile $small $SmallRows; New-BenchFile $tiny 100
    $sizes = [ordered]@{ "$SmallRows" = $small; "$Rows" = $big }

    # A file whose every row is bad: issues are bounded (1,000 kept, every one counted), so memory stays flat.
    $invalidFile = Join-Path $work 'invalid.csv'
    New-BenchFile $invalidFile $Rows -Invalid
    $invalid = Measure-Fresh "`$r = Test-AchieveItCsv -LiteralPath '$invalidFile'; if (`$r.ErrorCount -ne $(2 * $Rows) -or `$r.Errors.Count -ne [math]::Min(1000, $(2 * $Rows))) { throw 'every issue must be counted, 1,000 kept' }"
    Add-Row "Test-AchieveItCsv, $Rows invalid rows ($(2 * $Rows) errors), fresh pwsh" $invalid.Seconds ($Rows / $invalid.Seconds) $invalid.PeakMB '< 10 s, < 300 MB'
    Remove-Item $invalidFile

    # The sandbox alone, as the vendor documents the upload: a file POSTed with curl.
    $sandbox = Start-SandboxProcess -SandboxPath $SandboxPath -ProcessingDelayMs 0
    try {
        $client = [System.Net.Http.HttpClient]::new()
        $client.DefaultRequestHeaders.TryAddWithoutValidation('Authorization', "API-KEY $($sandbox.Key)") | Out-Null
        foreach ($run in 'first job after start', 'second job') {
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $answer = & curl -s -XPOST -H "Authorization: API-KEY $($sandbox.Key)" --data-binary "@$small" "$($sandbox.Uri)/api/progressupdates/bench.csv" | ConvertFrom-Json
            $accepted = $clock.Elapsed.TotalSeconds
            # Polled in-process: spawning curl every few milliseconds would steal the CPU the sandbox is measured on.
            do {
                $code = [int]$client.GetAsync("$($sandbox.Uri)/api/jobs/$($answer.jobId)").GetAwaiter().GetResult().StatusCode
                if ($code -eq 202) { Start-Sleep -Milliseconds 10 } # polls, as a hand-written script does: the status endpoint is the only notice
            } while ($code -eq 202 -and $clock.Elapsed.TotalSeconds -lt 120)
            if ($code -ne 200) { throw "The sandbox job ended with status $code." }
            Add-Row "Sandbox, $run`: $SmallRows rows processed (to status 200)" ($clock.Elapsed.TotalSeconds - $accepted) ($SmallRows / ($clock.Elapsed.TotalSeconds - $accepted)) '' '> 100,000 rows/s'
        }
        $client.Dispose()
    } finally { Stop-SandboxProcess $sandbox }

    # The side-by-side session: one warm pwsh, the module's key and address from the environment as in a runbook.
    # Uploads go to the fast receiver (the sandbox with --discard-uploads: it reads and throws away each body), so
    # the client is what is timed; -Path and curl are measured against the full sandbox too (its processing held
    # back, so nothing waits for it).
    $sandbox = Start-SandboxProcess -SandboxPath $SandboxPath -ProcessingDelayMs 600000 -MaxUploadMb 1024
    $receiver = $null
    try {
        $receiver = Start-SandboxProcess -SandboxPath $SandboxPath -Key $sandbox.Key -MaxUploadMb 1024 -ExtraArguments '--discard-uploads'
        $env:ACHIEVEIT_API_KEY = $sandbox.Key; $env:ACHIEVEIT_BASE_URI = $receiver.Uri
        $session = @'
$auth = "Authorization: API-KEY $env:ACHIEVEIT_API_KEY"
Import-Module $Arguments.Contender
$contenders = [ordered]@{
    floor  = { param($f) Import-Csv -LiteralPath $f | Out-Null }
    limit  = { param($f) Import-Csv -LiteralPath $f | Submit-LimitContender | Out-Null }
    module = { param($f) Import-Csv -LiteralPath $f | Submit-AchieveItUpdates | Out-Null }
    json   = { param($f) Import-Csv -LiteralPath $f | Submit-AchieveItUpdates -Format Json | Out-Null }
    hand   = { param($f)
        Import-Csv -LiteralPath $f | Select-Object @{ n = 'External ID'; e = { $_.'External ID' } }, Status, @{ n = 'Current Metric Value'; e = { $_.'Current Metric Value' } },
            @{ n = 'As Of Date'; e = { ([datetime]$_.'As Of Date').ToString('yyyy-MM-dd') } }, Comment | Export-Csv -LiteralPath "$f.out" -NoTypeInformation
        Invoke-RestMethod -Method Post -Uri "$env:ACHIEVEIT_BASE_URI/api/progressupdates/by-hand.csv" -InFile "$f.out" -Headers @{ Authorization = "API-KEY $env:ACHIEVEIT_API_KEY" } | Out-Null }
    path   = { param($f) Submit-AchieveItUpdates -LiteralPath $f | Out-Null }
    curl   = { param($f) & curl -s -XPOST -H $auth -H 'Content-Type: text/csv' --data-binary "@$f" "$env:ACHIEVEIT_BASE_URI/api/progressupdates/curl.csv" | Out-Null; if ($LASTEXITCODE) { throw 'curl failed' } }
    pathSandbox = { param($f) Submit-AchieveItUpdates -LiteralPath $f -BaseUri $Arguments.Sandbox | Out-Null }
    curlSandbox = { param($f) & curl -s -XPOST -H $auth -H 'Content-Type: text/csv' --data-binary "@$f" "$($Arguments.Sandbox)/api/progressupdates/curl.csv" | Out-Null; if ($LASTEXITCODE) { throw 'curl failed' } }
    test   = { param($f) if (-not (Test-AchieveItCsv -LiteralPath $f -Quiet)) { throw 'the benchmark file is invalid' } }
}
foreach ($c in $contenders.Values) { & $c $Arguments.Tiny; $env:ACHIEVEIT_JOURNAL_PATH = Join-Path $Arguments.Work ([guid]::NewGuid().ToString('N')) } # the JIT and the first connection, untimed
$best = @{}
foreach ($size in $Arguments.Sizes.PSObject.Properties) {
    foreach ($run in 1..$Arguments.Runs) {
        foreach ($name in $contenders.Keys) {
            if ($name -in 'path', 'curl', 'test', 'pathSandbox', 'curlSandbox' -and $size.Name -ne $Arguments.Large) { continue } # the file path is measured at the large size
            if ($name -eq 'hand' -and $size.Name -eq $Arguments.Large -and $run -gt 1) { continue } # 30 s a run: once is enough to compare
            $env:ACHIEVEIT_JOURNAL_PATH = Join-Path $Arguments.Work ([guid]::NewGuid().ToString('N')) # a journal of its own: no run is refused as the last one's duplicate
            [GC]::Collect()
            $seconds = (Measure-Command { & $contenders[$name] $size.Value }).TotalSeconds
            $key = "$name|$($size.Name)"
            if (-not $best.ContainsKey($key) -or $seconds -lt $best[$key]) { $best[$key] = $seconds }
        }
    }
}
$best | ConvertTo-Json -Compress
'@
        $argumentsFile = Join-Path $work 'session.json'
        @{ Tiny = $tiny; Sizes = $sizes; Large = "$Rows"; Runs = $Runs; Work = $work; Contender = $ContenderPath; Sandbox = $sandbox.Uri } | ConvertTo-Json | Set-Content -LiteralPath $argumentsFile
        Write-Host "Measuring side by side in one pwsh (best of $Runs)..."
        $best = Invoke-Fresh ("`$Arguments = Get-Content -Raw '$argumentsFile' | ConvertFrom-Json`n" + $session)

        foreach ($size in $sizes.Keys | ForEach-Object { [int]$_ }) {
            $floor = $best."floor|$size"; $limit = $best."limit|$size"; $module = $best."module|$size"; $json = $best."json|$size"; $hand = $best."hand|$size"
            Add-Row "Import-Csv | Out-Null (the floor), $size rows" $floor ($size / $floor)
            Add-Row "Import-Csv | Submit-LimitContender (reads the five values, nothing else), $size rows" $limit ($size / $limit) '' ('{0:0.00}x the floor' -f ($limit / $floor))
            Add-Row "Import-Csv | Submit-AchieveItUpdates (to the fast receiver), $size rows" $module ($size / $module) '' ('{0}; {1:0.00}x the floor' -f (Format-Ratio ($module / $limit) 1.15 'x the limit'), ($module / $floor))
            Add-Row "Import-Csv | Submit-AchieveItUpdates -Format Json, $size rows" $json ($size / $json) '' ('{0:+0;-0}% over CSV (aim within 10% at {1:n0} rows)' -f (100 * ($json - $module) / $module), $SmallRows)
            Add-Row "By hand: Import-Csv | Select-Object | Export-Csv; Invoke-RestMethod -InFile, $size rows$(if ($size -eq $Rows) { ' (one run)' })" $hand ($size / $hand) '' ('module {0:0.0}x faster (aim >= 1.5x)' -f ($hand / $module))
        }
        $path = $best."path|$Rows"; $curl = $best."curl|$Rows"; $test = $best."test|$Rows"; $pathSandbox = $best."pathSandbox|$Rows"; $curlSandbox = $best."curlSandbox|$Rows"
        $megabytes = [math]::Round((Get-Item $big).Length / 1MB)
        Add-Row "Test-AchieveItCsv, the $Rows-row file ($megabytes MB)" $test ($Rows / $test) '' ('{0:n0} rows/s (aim >= 1,000,000: {1})' -f ($Rows / $test), $(if ($Rows / $test -ge 1000000) { 'met' } else { 'not met' }))
        Add-Row "curl --data-binary, the same file, to the fast receiver" $curl ($Rows / $curl)
        Add-Row "Submit-AchieveItUpdates -Path, the same file, to the fast receiver" $path ($Rows / $path) '' ('{0}; {1}' -f (Format-Ratio ($path / $curl) 3.0 'x curl'), (Format-Ratio ($path / [math]::Max($test, $curl)) 1.5 'x max(Test, curl)'))
        Add-Row "curl --data-binary, the same file, to the sandbox" $curlSandbox ($Rows / $curlSandbox)
        Add-Row "Submit-AchieveItUpdates -Path, the same file, to the sandbox" $pathSandbox ($Rows / $pathSandbox) '' (Format-Ratio ($pathSandbox / [math]::Max($test, $curlSandbox)) 1.5 'x max(Test, curl)')

        # Peak memory per path, each in a fresh pwsh at the large size.
        Write-Host 'Measuring peak memory per path (a fresh pwsh each)...'
        $peaks = [ordered]@{
            'Import-Csv | Submit-AchieveItUpdates' = "Import-Csv -LiteralPath '$big' | Submit-AchieveItUpdates | Out-Null"
            'Import-Csv | Submit-AchieveItUpdates -Format Json' = "Import-Csv -LiteralPath '$big' | Submit-AchieveItUpdates -Format Json | Out-Null"
            'Submit-AchieveItUpdates -Path' = "Submit-AchieveItUpdates -LiteralPath '$big' | Out-Null"
            'Test-AchieveItCsv' = "Test-AchieveItCsv -LiteralPath '$big' | Out-Null"
            'Import-Csv | Export-AchieveItCsv' = "Import-Csv -LiteralPath '$big' | Export-AchieveItCsv -Path '$work/export.csv' -Force"
            'generated objects | Submit-AchieveItUpdates' = "`$s = 'On Track', 'Off Track', 'At Risk', 'Achieved', 'Not Started'; 1..$Rows | ForEach-Object { [pscustomobject]@{ ExternalId = ""KPI-`$_""; Status = `$s[`$_ % 5]; MetricValue = `$_ % 1000; AsOfDate = '2026-11-28' } } | Submit-AchieveItUpdates | Out-Null"
        }
        foreach ($name in $peaks.Keys) {
            $m = Measure-Fresh $peaks[$name]
            Add-Row "$name, $Rows rows, fresh pwsh" $m.Seconds ($Rows / $m.Seconds) $m.PeakMB 'peak < 300 MB'
        }
    } finally {
        $env:ACHIEVEIT_API_KEY = $null; $env:ACHIEVEIT_BASE_URI = $null
        try { Stop-SandboxProcess $sandbox } finally { if ($receiver) { Stop-SandboxProcess $receiver } }
    }

    # The plan: a sandbox plan read three ways side by side (the cmdlet, a hand-written Invoke-RestMethod paging loop,
    # curl fetching the same pages one after another), and Submit with and without the plan check at the small size.
    $planSize = $SmallRows
    $items = Join-Path $work 'plan-items.csv'
    $itemWriter = [IO.StreamWriter]::new($items, $false, [Text.UTF8Encoding]::new($false))
    try {
        $itemWriter.Write("External ID,HasMetric,Name`r`n")
        for ($i = 1; $i -le $planSize; $i++) { $itemWriter.Write("KPI-$i,false,Item $i`r`n") }
    } finally { $itemWriter.Dispose() }
    $statePlan = Join-Path $work 'state-plan.csv'; $bigStatePlan = Join-Path $work 'big-state-plan.csv'
    New-StatePlanFile $statePlan $planSize; New-StatePlanFile $bigStatePlan $Rows
    $sandbox = Start-SandboxProcess -SandboxPath $SandboxPath -ProcessingDelayMs 600000 -MaxUploadMb 1024 -ItemsFile $items
    $receiver = Start-SandboxProcess -SandboxPath $SandboxPath -Key $sandbox.Key -MaxUploadMb 1024 -ExtraArguments '--discard-uploads'
    $env:ACHIEVEIT_API_KEY = $sandbox.Key; $env:ACHIEVEIT_BASE_URI = $sandbox.Uri
    try {
        $planSession = @'
$id = $Arguments.PlanId
$statePlan = Import-Csv -LiteralPath $Arguments.StatePlan # objects, as Get-AchieveItPlanItem or Import-Csv give them
$contenders = [ordered]@{
    cmdlet = { Get-AchieveItPlanItem -PlanId $id | Out-Null }
    hand   = {
        $skip = 0
        do {
            $page = Invoke-RestMethod -Uri "$env:ACHIEVEIT_BASE_URI/plans/$id/items?skip=$skip&take=1500" -Headers @{ Authorization = "API-KEY $env:ACHIEVEIT_API_KEY" }
            $skip += @($page.items).Count
        } while (@($page.items).Count -gt 0 -and $skip -lt $page.total) }
    curl   = { foreach ($page in 0..([math]::Ceiling($Arguments.PlanSize / 1500) - 1)) {
        & curl -s -o /dev/null -H "Authorization: API-KEY $env:ACHIEVEIT_API_KEY" "$env:ACHIEVEIT_BASE_URI/plans/$id/items?skip=$($page * 1500)&take=1500"; if ($LASTEXITCODE) { throw 'curl failed' } } }
    nocheck   = { Import-Csv -LiteralPath $Arguments.Small | Submit-AchieveItUpdates | Out-Null }
    planitems = { Import-Csv -LiteralPath $Arguments.Small | Submit-AchieveItUpdates -PlanItems $Arguments.Items | Out-Null }
    compare   = { Import-Csv -LiteralPath $Arguments.Small | Compare-AchieveItUpdate -PlanItems $statePlan | Out-Null }
    submitStates = { Import-Csv -LiteralPath $Arguments.Small | Submit-AchieveItUpdates -PlanItems $statePlan -BaseUri $Arguments.Receiver 3>$null | Out-Null }
    planid    = { Import-Csv -LiteralPath $Arguments.Small | Submit-AchieveItUpdates -PlanId $id | Out-Null }
}
Get-AchieveItPlanItem -PlanId $id -First 10 | Out-Null; Import-Csv -LiteralPath $Arguments.Tiny | Submit-AchieveItUpdates -PlanItems $Arguments.Items | Out-Null # the JIT, untimed
Import-Csv -LiteralPath $Arguments.Tiny | Compare-AchieveItUpdate -PlanItems $Arguments.StatePlan | Out-Null
$best = @{}
foreach ($run in 1..$Arguments.Runs) {
    foreach ($name in $contenders.Keys) {
        $env:ACHIEVEIT_JOURNAL_PATH = Join-Path $Arguments.Work ([guid]::NewGuid().ToString('N'))
        [GC]::Collect()
        $seconds = (Measure-Command { & $contenders[$name] }).TotalSeconds
        if (-not $best.ContainsKey($name) -or $seconds -lt $best[$name]) { $best[$name] = $seconds }
    }
}
$best | ConvertTo-Json -Compress
'@
        $argumentsFile = Join-Path $work 'plan-session.json'
        @{ PlanId = $sandbox.PlanId; PlanSize = $planSize; Small = $small; Tiny = $tiny; Items = $items; StatePlan = $statePlan; Receiver = $receiver.Uri; Runs = $Runs; Work = $work } | ConvertTo-Json | Set-Content -LiteralPath $argumentsFile
        Write-Host "Measuring the plan side by side in one pwsh (best of $Runs)..."
        $plan = Invoke-Fresh ("`$Arguments = Get-Content -Raw '$argumentsFile' | ConvertFrom-Json`n" + $planSession)
        Add-Row "curl, the $planSize-item plan's pages one after another" $plan.curl ($planSize / $plan.curl)
        Add-Row "Invoke-RestMethod paging loop by hand, the same plan" $plan.hand ($planSize / $plan.hand)
        Add-Row "Get-AchieveItPlanItem, the same plan" $plan.cmdlet ($planSize / $plan.cmdlet) '' ('{0} the hand loop; {1}' -f $(if ($plan.cmdlet -lt $plan.hand) { 'faster than' } else { 'NOT faster than' }), (Format-Ratio ($plan.cmdlet / $plan.curl) 1.5))
        Add-Row "Import-Csv | Submit-AchieveItUpdates (no plan), $SmallRows rows" $plan.nocheck ($SmallRows / $plan.nocheck)
        Add-Row "... -PlanItems plan.csv ($planSize known IDs), the same rows" $plan.planitems ($SmallRows / $plan.planitems) '' ('{0:+0;-0}% over no plan' -f (100 * ($plan.planitems - $plan.nocheck) / $plan.nocheck))
        Add-Row "... -PlanId (the plan read from the sandbox), the same rows" $plan.planid ($SmallRows / $plan.planid) '' ('{0:+0;-0}% over -PlanItems' -f (100 * ($plan.planid - $plan.planitems) / $plan.planitems))

        Add-Row "Import-Csv | Submit-AchieveItUpdates -PlanItems (a $planSize-item plan with states, objects), $SmallRows rows, to the fast receiver" $plan.submitStates ($SmallRows / $plan.submitStates)
        Add-Row "Import-Csv | Compare-AchieveItUpdate -PlanItems (the same plan), the same rows" $plan.compare ($SmallRows / $plan.compare) '' (Format-Ratio ($plan.compare / $plan.submitStates) 1.2 'x that Submit')

        Write-Host 'Measuring peak memory of comparing, and of a plan read (a fresh pwsh each)...'
        $compareRows = Measure-Fresh "Import-Csv -LiteralPath '$big' | Compare-AchieveItUpdate -PlanItems '$bigStatePlan' | Out-Null"
        Add-Row "Import-Csv | Compare-AchieveItUpdate -PlanItems plan.csv, $Rows rows against a $Rows-item plan, fresh pwsh" $compareRows.Seconds ($Rows / $compareRows.Seconds) $compareRows.PeakMB 'peak < 500 MB'
        $compareFile = Measure-Fresh "Compare-AchieveItUpdate -LiteralPath '$big' -PlanItems '$bigStatePlan' | Out-Null"
        Add-Row "Compare-AchieveItUpdate -LiteralPath, the same file and plan, fresh pwsh" $compareFile.Seconds ($Rows / $compareFile.Seconds) $compareFile.PeakMB 'peak < 500 MB'
        $bigRead = Measure-Fresh "Get-AchieveItPlanItem -PlanId '$($sandbox.PlanId)' | Out-Null"
        $smallRead = Measure-Fresh "Get-AchieveItPlanItem -PlanId '$($sandbox.PlanId)' -First 1000 | Out-Null"
        Add-Row "Get-AchieveItPlanItem, 1,000 items, fresh pwsh" $smallRead.Seconds '' $smallRead.PeakMB
        Add-Row "Get-AchieveItPlanItem, $planSize items, fresh pwsh" $bigRead.Seconds '' $bigRead.PeakMB ('{0:+0} MB over 1,000 items (aim within 50 MB: {1})' -f ($bigRead.PeakMB - $smallRead.PeakMB), $(if ($bigRead.PeakMB - $smallRead.PeakMB -le 50) { 'met' } else { 'not met' }))
    } finally {
        $env:ACHIEVEIT_API_KEY = $null; $env:ACHIEVEIT_BASE_URI = $null
        try { Stop-SandboxProcess $sandbox } finally { Stop-SandboxProcess $receiver }
    }

    $results | Format-Table -AutoSize | Out-String -Width 220 | Write-Host
    if ($PassThru) { $results }
} finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
