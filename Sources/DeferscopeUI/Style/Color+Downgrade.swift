extension Color {
    /// The nearest colour a terminal of `depth` can show: RGB to the 256-colour palette or to the
    /// 16 ANSI colours, bright ANSI colours to normal ones on 8-colour terminals, anything to
    /// `.default` when there is no colour.
    public func downgraded(to depth: ColorDepth) -> Color {
        switch (self, depth) {
        case (.default, _), (_, .trueColor):
            return self
        case (_, .none):
            return .default
        case (.ansi(let index), .indexed256), (.ansi(let index), .ansi16):
            return .ansi(index)
        case (.ansi(let index), .ansi8):
            return .ansi(index & 7)
        case (.indexed(let index), .indexed256):
            return index < 16 ? .ansi(index) : self
        case (.rgb(let red, let green, let blue), .indexed256):
            return Color.nearestIndexed(red: red, green: green, blue: blue)
        case (.indexed, .ansi16), (.rgb, .ansi16):
            return Color.nearestANSI(to: rgbComponents, among: 16)
        case (.indexed, .ansi8), (.rgb, .ansi8):
            return Color.nearestANSI(to: rgbComponents, among: 8)
        }
    }

    /// The colour's red, green and blue as xterm shows them (`.default` counts as black).
    public var rgbComponents: (red: Int, green: Int, blue: Int) {
        switch self {
        case .default:
            return (0, 0, 0)
        case .ansi(let index):
            return Color.paletteRGB(Int(index & 15))
        case .indexed(let index):
            return Color.paletteRGB(Int(index))
        case .rgb(let red, let green, let blue):
            return (Int(red), Int(green), Int(blue))
        }
    }

    // MARK: - Palette

    static let ansiRGB: [(red: Int, green: Int, blue: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB xterm uses for palette entry `index` (0–255).
    static func paletteRGB(_ index: Int) -> (red: Int, green: Int, blue: Int) {
        if index < 16 { return ansiRGB[index] }
        if index < 232 {
            let cube = index - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        }
        let grey = 8 + 10 * (index - 232)
        return (grey, grey, grey)
    }

    /// A perceptual ("redmean") squared distance between two colours.
    static func distance(_ a: (red: Int, green: Int, blue: Int), _ b: (red: Int, green: Int, blue: Int)) -> Int {
        let meanRed = (a.red + b.red) / 2
        let dr = a.red - b.red
        let dg = a.green - b.green
        let db = a.blue - b.blue
        return (((512 + meanRed) * dr * dr) >> 8) + 4 * dg * dg + (((767 - meanRed) * db * db) >> 8)
    }

    static func nearestIndexed(red: UInt8, green: UInt8, blue: UInt8) -> Color {
        let target = (red: Int(red), green: Int(green), blue: Int(blue))
        func nearestLevel(_ value: Int) -> Int {
            var best = 0
            for (level, shade) in cubeLevels.enumerated() where abs(shade - value) < abs(cubeLevels[best] - value) {
                best = level
            }
            return best
        }
        let cube = 16 + 36 * nearestLevel(target.red) + 6 * nearestLevel(target.green) + nearestLevel(target.blue)
        let average = (target.red + target.green + target.blue) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        let candidates = [cube, grey]
        let best = candidates.min { distance(paletteRGB($0), target) < distance(paletteRGB($1), target) }!
        return .indexed(UInt8(best))
    }

    static func nearestANSI(to target: (red: Int, green: Int, blue: Int), among count: Int) -> Color {
        var best = 0
        for index in 1..<count where distance(ansiRGB[index], target) < distance(ansiRGB[best], target) {
            best = index
        }
        return .ansi(UInt8(best))
    }
}
