// How much memory a pending Deferred with three steps costs, its registry entry included, with an
// observer installed: the resident-set growth between 1,000 and 1,000,000 such Deferreds, divided
// by the 999,000 added. Run: `cd Benchmarks && swift run -c release DeferredKitMemory`.
import DeferredKit

#if canImport(Glibc)
import Glibc
#endif

/// Resident set size in bytes, from /proc/self/statm.
func residentBytes() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(file) }
    var pages = 0
    var resident = 0
    _ = withUnsafeMutablePointer(to: &pages) { total in
        withUnsafeMutablePointer(to: &resident) { rss in
            withVaList([total, rss]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

final class DiscardingObserver: DeferredObserver {
    func observe(_ event: DeferredEvent) {}
}

let observed = !CommandLine.arguments.contains("--no-observer")
if observed {
    DeferredInstrumentation.install(DiscardingObserver())
}

func makePending(_ count: Int, into pending: inout [Deferred<Int>]) {
    for _ in 0..<count {
        let d = Deferred<Int>()
        d.addCallback { $0 + 1 }.addCallback { $0 * 2 }.addCallback { $0 - 3 }
        pending.append(d)
    }
}

let total = 1_000_000
var pending: [Deferred<Int>] = []
pending.reserveCapacity(total)
makePending(1_000, into: &pending)
let small = residentBytes()
makePending(total - 1_000, into: &pending)
let large = residentBytes()
let perDeferred = Double(large - small) / Double(total - 1_000)

print("observer installed:          \(observed)")
print("registry entries:            \(DeferredRegistry.count)")
print("RSS with 1,000 pending:      \(small / 1024) KiB")
print("RSS with 1,000,000 pending:  \(large / 1024) KiB")
print("bytes per pending Deferred:  \((perDeferred * 10).rounded() / 10) (3 steps, registry entry included)")
withExtendedLifetime(pending) {}
