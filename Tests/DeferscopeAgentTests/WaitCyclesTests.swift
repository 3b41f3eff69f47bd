import Testing

@testable import deferscope

/// `deferscope check`'s deadlock finder.
@Suite struct WaitCyclesTests {
    private func cycles(_ edges: [(UInt64, UInt64)]) -> [[UInt64]] {
        var graph = WaitCycles()
        for (chain, target) in edges {
            graph.add(chain, waitsFor: target)
        }
        return graph.find()
    }

    @Test func chainsWaitingInALineAreNoDeadlock() {
        #expect(cycles([(1, 2), (2, 3), (4, 3)]).isEmpty)
    }

    @Test func twoAndThreeChainCyclesAreFoundOnceEach() {
        #expect(cycles([(5, 6), (6, 5)]) == [[5, 6]])
        #expect(cycles([(9, 7), (7, 8), (8, 9)]) == [[7, 8, 9]])
        #expect(cycles([(1, 2), (2, 1), (10, 11), (11, 12), (12, 10)]) == [[1, 2], [10, 11, 12]])
    }

    @Test func aChainWaitingOnACycleIsNotPartOfIt() {
        #expect(cycles([(1, 2), (2, 3), (3, 2)]) == [[2, 3]])
    }

    @Test func aCycleThroughAListsFanInIsFound() {
        // The list (10) waits on inputs 1 and 2; input 2 waits on the list.
        #expect(cycles([(10, 1), (10, 2), (2, 10)]) == [[2, 10]])
    }

    @Test func aLongLineIsWalkedWithoutRecursion() {
        let line = (1..<200_000).map { (UInt64($0), UInt64($0 + 1)) }
        #expect(cycles(line).isEmpty)
        #expect(cycles(line + [(200_000, 1)]).first?.count == 200_000)
    }
}
