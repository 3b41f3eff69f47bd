// How much memory a pending Deferred with three steps costs, its registry entry included, with an
// observer installed: the resident-set growth between 1,000 and 1,000,000 such Deferreds, divided
// by the 999,000 added. Run: `cd Benchmarks && swift run -c release DeferredKitMemory`.
import DeferredKit
import MeasureSupport

#if canImport(Glibc)
import Glibc
#endif

final class DiscardingObserver: DeferredObserver {
    func observe(_ event: DeferredEvent) {}
}

let observed = !CommandLine.arguments.contains("--no-observer")
if observed {
    DeferredInstrumentation.install(DiscardingObserver())
}

/// Where the handles live: allocated and touched up front, so that the measured growth is the
/// Deferreds' own memory and not the array holding them.
let total = 1_000_000
let handles = UnsafeMutablePointer<Deferred<Int>>.allocate(capacity: total)
UnsafeMutableRawPointer(handles).initializeMemory(
    as: UInt8.self,
    repeating: 0,
    count: total * MemoryLayout<Deferred<Int>>.stride
)

@MainActor
func makePending(_ range: Range<Int>) {
    for index in range {
        let d = Deferred<Int>()
        d.addCallback { $0 + 1 }.addCallback { $0 * 2 }.addCallback { $0 - 3 }
        (handles + index).initialize(to: d)
    }
}

makePending(0..<1_000)
let small = Measure.residentBytes()
makePending(1_000..<total)
let large = Measure.residentBytes()
let perDeferred = Double(large - small) / Double(total - 1_000)

print("observer installed:          \(observed)")
print("registry entries:            \(DeferredRegistry.count)")
print("RSS with 1,000 pending:      \(small / 1024) KiB")
print("RSS with 1,000,000 pending:  \(large / 1024) KiB")
print("bytes per pending Deferred:  \((perDeferred * 10).rounded() / 10) (3 steps, registry entry included)")
handles.deinitialize(count: total)
handles.deallocate()
