import DeferscopeUI

/// Colour pairs allocated on demand: each (foreground, background) gets a pair number the first
/// time it is drawn. The terminal has a limited number of pairs; once they are used up, a new
/// combination borrows the existing pair nearest to it in colour.
struct ColorPairCache {
    /// A pair the cache handed out.
    struct Entry: Hashable {
        var foreground: Color
        var background: Color
    }

    /// How many pairs the cache may allocate (pair 0, the terminal's default, is never allocated).
    let capacity: Int
    private(set) var pairs: [Entry: Int32] = [:]
    /// Called to set up a new pair: (pair number, foreground, background); false if it failed.
    let allocate: (Int32, Color, Color) -> Bool

    init(capacity: Int, allocate: @escaping (Int32, Color, Color) -> Bool) {
        self.capacity = max(0, capacity)
        self.allocate = allocate
    }

    /// The pair number for `foreground` on `background`.
    mutating func pair(foreground: Color, background: Color) -> Int32 {
        if foreground == .default && background == .default { return 0 }
        let entry = Entry(foreground: foreground, background: background)
        if let known = pairs[entry] { return known }
        if pairs.count < capacity {
            let number = Int32(pairs.count + 1)
            if allocate(number, foreground, background) {
                pairs[entry] = number
                return number
            }
        }
        return nearest(to: entry)
    }

    /// The allocated pair closest in colour to `entry` (0 when none is allocated).
    func nearest(to entry: Entry) -> Int32 {
        var best: (number: Int32, distance: Int) = (0, Int.max)
        for (candidate, number) in pairs {
            let distance =
                ColorPairCache.distance(candidate.foreground, entry.foreground)
                + ColorPairCache.distance(candidate.background, entry.background)
            if distance < best.distance { best = (number, distance) }
        }
        return best.number
    }

    static func distance(_ a: Color, _ b: Color) -> Int {
        if a == b { return 0 }
        // The terminal's default colour is unknown: anything else is far from it.
        if a == .default || b == .default { return 3 * 255 * 255 }
        let x = a.rgbComponents
        let y = b.rgbComponents
        return (x.red - y.red) * (x.red - y.red) + (x.green - y.green) * (x.green - y.green)
            + (x.blue - y.blue) * (x.blue - y.blue)
    }
}
