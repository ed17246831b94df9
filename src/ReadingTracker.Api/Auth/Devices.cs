using System.Text.RegularExpressions;
using ReadingTracker.Api.Http;

namespace ReadingTracker.Api.Auth;

/// <summary>Validation of the device a client names at login (or a fresh id when it names none).</summary>
public static partial class Devices
{
    public static DeviceInfo Describe(Validator v, string? deviceId, string? deviceName, string? platform)
    {
        if (deviceId is not null && !DeviceIdPattern().IsMatch(deviceId))
        {
            v.Add("deviceId", "기기 ID는 영문, 숫자, '-', '_'로 8~64자입니다.", "8 to 64 letters, digits, '-' or '_'.");
        }

        v.MaxLength(deviceName, 100, "deviceName");
        if (platform is not null and not ("WEB" or "ANDROID" or "IOS"))
        {
            v.Add("platform", "WEB, ANDROID, IOS 중 하나여야 합니다.", "One of WEB, ANDROID, IOS.");
        }

        return new DeviceInfo(deviceId ?? Guid.NewGuid().ToString(), string.IsNullOrWhiteSpace(deviceName) ? "Unknown Device" : deviceName.Trim(), platform ?? "WEB");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex DeviceIdPattern();
}
