import DeferscopeWire

/// Counts over a snapshot's chains, kept as they stream in.
struct SnapshotSummary {
    var total = 0
    var pending = 0
    var waiting = 0
    var paused = 0
    var failed = 0
    var timeoutsArmed = 0

    mutating func add(_ chains: [ChainRecord]) {
        total += chains.count
        // By index: fields are read in place, no record is copied.
        for index in chains.indices {
            let phase = chains[index].phase
            let isPaused = chains[index].userPauses > 0
            if phase == .pending || phase == .waiting || isPaused { pending += 1 }
            if phase == .waiting { waiting += 1 }
            if isPaused { paused += 1 }
            if phase == .failed { failed += 1 }
            if chains[index].timeoutArmedAt != 0 { timeoutsArmed += 1 }
        }
    }
}
