<#
.SYNOPSIS
    Measures the module on this machine and prints a table. Each measurement runs in a fresh pwsh so that
    peak memory is the whole process's, as a user's session would see it.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
$work = Join-Path ([IO.Path]::GetTempPath()) ("achieveit-bench-" + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory $work | Out-Null

function New-BenchFile([string] $Path, [int] $Rows) {
    $writer = [IO.StreamWriter]::new($Path, $false, [Text.UTF8Encoding]::new($false))
    try {
        $writer.Write("External ID,Status,Current Metric Value,As Of Date,Comment`r`n")
        $statuses = 'On Track', 'Off Track', 'At Risk', 'Achieved', 'Not Started'
        for ($i = 1; $i -le $Rows; $i++) {
            $writer.Write("KPI-$i,$($statuses[$i % 5]),$($i % 1000).25,2026-11-$((1 + $i % 28).ToString("00")),`"note $i, ok`"`r`n")
        }
    } finally { $writer.Dispose() }
}

# Runs a script in a fresh pwsh and returns its elapsed seconds and peak working set (MB).
function Measure-InFreshProcess([string] $Script) {
    $wrapped = "`$ErrorActionPreference='Stop'; Import-Module '$ModulePath'; `$sw=[Diagnostics.Stopwatch]::StartNew(); $Script; " +
        "'{0}|{1}' -f `$sw.Elapsed.TotalSeconds, ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)"
    $line = & dotnet pwsh -NoProfile -NonInteractive -Command $wrapped | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0) { throw "Benchmark step failed: $Script" }
    $seconds, $mb = $line -split '\|'
    [pscustomobject]@{ Seconds = [double]$seconds; PeakMB = [double]$mb }
}

try {
    $rows = 1000000
    $file = Join-Path $work 'million.csv'
    Write-Host "Generating $rows rows..."
    New-BenchFile $file $rows
    $test = Measure-InFreshProcess "if (-not (Test-AchieveItCsv -LiteralPath '$file' -Quiet)) { throw 'benchmark file is invalid' }"
    $results = @(
        [pscustomobject]@{
            Benchmark   = "Test-AchieveItCsv, $rows-row file"
            Seconds     = [math]::Round($test.Seconds, 2)
            'Rows/s'    = [long]([math]::Round($rows / $test.Seconds))
            'Peak MB'   = [math]::Round($test.PeakMB)
            Aim         = '>= 300,000 rows/s, < 250 MB'
        }
    )
    $results | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
} finally {
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
