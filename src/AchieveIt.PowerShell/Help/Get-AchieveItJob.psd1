@{
    Synopsis    = 'Gets the current state of AchieveIt jobs.'
    Description = @'
Get-AchieveItJob asks AchieveIt once for the state of each job: Processing (202), Succeeded (200) or Failed (400, or a 500 confirmed by a second request). It takes job IDs or the AchieveIt.Job objects Submit-AchieveItUpdates wrote, and writes an up-to-date copy of each job. Passing server faults (timeouts, 408, 429, 502, 503, 504) are retried with backoff.
'@
    Inputs      = @(
        @{ Type = 'System.String'; Description = 'Job IDs, by value or by a JobId property.' }
        @{ Type = 'AchieveIt.Job'; Description = 'Jobs from Submit-AchieveItUpdates, Get-AchieveItJob or Wait-AchieveItJob.' }
    )
    Outputs     = @(
        @{ Type = 'AchieveIt.Job'; Description = 'The job with its current State, StatusCode, LastCheckedAt and Message.' }
    )
    Defaults    = @{ Environment = 'Commercial (or Connect-AchieveIt / ACHIEVEIT_ENVIRONMENT)'; ApiKey = 'Connect-AchieveIt, then ACHIEVEIT_API_KEY'; BaseUri = 'The environment''s address'; Proxy = 'The system proxy' }
    Examples    = @(
        @{
            Title   = 'Check on jobs just submitted'
            Code    = @'
$jobs = Import-Csv ./kpis.csv | Submit-AchieveItUpdates -BatchSize 2
$jobs | Get-AchieveItJob
'@
            Remarks = 'A job known only by ID works too: Get-AchieveItJob -JobId 5038014d-e4b1-4b5b-868f-21612c2cf252 (IDs submitted in this session tab-complete).'
            Sandbox = $true
        }
        @{
            Title   = 'See why a job failed'
            Code    = @'
$job = Import-Csv ./kpis.csv | Submit-AchieveItUpdates
(Get-AchieveItJob -JobId $job.JobId).Message
'@
            Remarks = 'For a failed job, Message holds AchieveIt''s reasons with line numbers.'
            Sandbox = $true
        }
    )
}
