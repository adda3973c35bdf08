using System.Globalization;

namespace ModelEngine.Studio.Api.Dashboard;

/// <summary>Reads the dashboard's figures.</summary>
public class DashboardApi(StudioApiClient api)
{
    /// <summary>Reads the figures of the last <paramref name="days"/> UTC days, today included.</summary>
    public virtual Task<DashboardSummary> GetAsync(int days, CancellationToken cancellationToken = default) =>
        api.GetAsync<DashboardSummary>("api/dashboard?days=" + days.ToString(CultureInfo.InvariantCulture), cancellationToken);
}
