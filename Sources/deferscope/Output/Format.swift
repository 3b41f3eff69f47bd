/// How numbers read on a terminal.
enum Format {
    /// `850ms`, `12.3s`, `4m05s`, `3h12m`, `2d04h`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 1 {
            return "\(Int(seconds * 1000))ms"
        }
        if seconds < 60 {
            let tenths = Int((seconds * 10).rounded(.down))
            return "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(seconds)
        if whole < 3600 {
            return "\(whole / 60)m" + twoDigits(whole % 60) + "s"
        }
        if whole < 86400 {
            return "\(whole / 3600)h" + twoDigits(whole / 60 % 60) + "m"
        }
        return "\(whole / 86400)d" + twoDigits(whole / 3600 % 24) + "h"
    }

    /// `1,234,567`.
    static func count<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value)
        var output = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0, character != "-" {
                output.append(",")
            }
            output.append(character)
        }
        return output
    }

    /// `12.5 MB`.
    static func bytes(_ value: UInt64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var amount = Double(value)
        var unit = 0
        while amount >= 1000, unit < units.count - 1 {
            amount /= 1000
            unit += 1
        }
        return unit == 0 ? "\(value) B" : "\(Double(Int(amount * 10)) / 10) \(units[unit])"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
