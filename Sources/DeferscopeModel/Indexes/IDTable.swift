/// Deferred id → slot, the lookup every event makes: open addressing with linear probing and a
/// multiplicative hash (ids are already well spread: they count up), with deletion by backward
/// shift so no tombstones build up. About twice as fast as `Dictionary`, 12 bytes per entry at a
/// load of at most 3/4.
struct IDTable: Sendable, Equatable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var mask: Int
    private var shift: UInt64
    /// Ids in the table.
    private(set) var count = 0

    init() {
        keys = [UInt64](repeating: 0, count: 16)
        values = [Int32](repeating: 0, count: 16)
        mask = 15
        shift = 60
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(id: UInt64) -> Int32? {
        get {
            guard id != 0 else { return nil }
            var index = home(id)
            while true {
                let key = keys[index]
                if key == id { return values[index] }
                if key == 0 { return nil }
                index = (index + 1) & mask
            }
        }
        set {
            guard id != 0 else { return }
            if let newValue { insert(id, newValue) } else { remove(id) }
        }
    }

    private mutating func insert(_ id: UInt64, _ value: Int32) {
        if (count + 1) * 4 > keys.count * 3 { grow() }
        var index = home(id)
        while true {
            let key = keys[index]
            if key == id {
                values[index] = value
                return
            }
            if key == 0 {
                keys[index] = id
                values[index] = value
                count += 1
                return
            }
            index = (index + 1) & mask
        }
    }

    private mutating func remove(_ id: UInt64) {
        var index = home(id)
        while true {
            let key = keys[index]
            if key == 0 { return }
            if key == id { break }
            index = (index + 1) & mask
        }
        count -= 1
        // Backward shift: move later entries of the probe run into the hole when that brings them
        // no further from home.
        var hole = index
        var next = (hole + 1) & mask
        while keys[next] != 0 {
            let distanceFromHome = (next - home(keys[next])) & mask
            let distanceToHole = (next - hole) & mask
            if distanceFromHome >= distanceToHole {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        keys[hole] = 0
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let capacity = keys.count * 2
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Int32](repeating: 0, count: capacity)
        mask = capacity - 1
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for index in oldKeys.indices where oldKeys[index] != 0 {
            insert(oldKeys[index], oldValues[index])
        }
    }
}
