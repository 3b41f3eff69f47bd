// A loop of the hot path, for `perf record` / `valgrind --tool=callgrind`:
// `swift build -c release --product DeferredKitProfile && perf record ./.build/release/DeferredKitProfile`.
import DeferredKit

@inline(never)
func createAddThreeFire() -> Deferred<Int> {
    let d = Deferred<Int>()
    let result = d.addCallback { $0 + 1 }.addCallback { $0 + 1 }.addCallback { $0 + 1 }
    try? d.callback(0)
    return result
}

/// An observer that throws every event away.
final class DiscardingObserver: DeferredObserver {
    func observe(_ event: DeferredEvent) {}
}

let arguments = CommandLine.arguments.dropFirst()
if arguments.contains("--observe") {
    DeferredInstrumentation.install(DiscardingObserver())
}
let iterations = arguments.compactMap { Int($0) }.first ?? 1_000_000
var checksum = 0
for _ in 0..<iterations {
    checksum &+= createAddThreeFire().id.rawValue == 0 ? 1 : 0
}
print(checksum)
