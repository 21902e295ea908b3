using NodaTime;

namespace Tarnfui.Emulator.Api.Tables;

/// <summary>kubectl's AGE format (k8s.io/apimachinery/pkg/util/duration.HumanDuration): 45s, 3m12s, 42m, 5h3m, 2d4h, 120d, 3y.</summary>
public static class HumanDuration
{
    public static string Format(Duration duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds < 0)
        {
            return "<invalid>";
        }

        if (seconds < 120)
        {
            return $"{seconds}s";
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s";
        }

        if (minutes < 3 * 60)
        {
            return $"{minutes}m";
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m";
        }

        if (hours < 48)
        {
            return $"{hours}h";
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h";
        }

        if (hours < 24 * 365 * 2)
        {
            return $"{hours / 24}d";
        }

        return hours < 24 * 365 * 8 ? $"{hours / 24 / 365}y{hours / 24 % 365}d" : $"{hours / 24 / 365}y";
    }
}
