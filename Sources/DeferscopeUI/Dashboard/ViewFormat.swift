/// How numbers, durations and sites read on screen: short and aligned.
public enum ViewFormat {
    /// `850ms`, `4.2s`, `3m05s`, `2h10m` from nanoseconds.
    public static func duration(nanoseconds: UInt64) -> String {
        duration(seconds: Double(nanoseconds) / 1e9)
    }

    /// `850ms`, `4.2s`, `3m05s`, `2h10m`; negative durations get a `-`.
    public static func duration(seconds: Double) -> String {
        if seconds < 0 { return "-" + duration(seconds: -seconds) }
        if seconds < 1 { return "\(Int(seconds * 1_000))ms" }
        if seconds < 10 { return "\(Double(Int(seconds * 10)) / 10)s" }
        if seconds < 60 { return "\(Int(seconds))s" }
        let whole = Int(seconds)
        if whole < 3_600 { return "\(whole / 60)m\(twoDigits(whole % 60))s" }
        return "\(whole / 3_600)h\(twoDigits(whole / 60 % 60))m"
    }

    /// `12,345`.
    public static func count<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `1:05` or `1:02:03` from seconds (recording positions).
    public static func clock(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        if whole >= 3_600 { return "\(whole / 3_600):\(twoDigits(whole / 60 % 60)):\(twoDigits(whole % 60))" }
        return "\(whole / 60):\(twoDigits(whole % 60))"
    }

    /// `2`, `0.5`, `16`.
    public static func speed(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// `Incidents.swift:40` from `DeferscopeDemo/Incidents.swift:40` when space is short.
    public static func shortSite(_ site: String) -> String {
        guard let slash = site.lastIndex(of: "/") else { return site }
        return String(site[site.index(after: slash)...])
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
