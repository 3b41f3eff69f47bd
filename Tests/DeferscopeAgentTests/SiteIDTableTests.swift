import Testing

@testable import DeferscopeAgent

/// The agent's call-site table finds every site it was given, through its growth.
@Suite struct SiteIDTableTests {
    @Test func everySiteIsFoundAfterGrowing() {
        var table = SiteIDTable()
        var id: UInt32 = 0
        // Sites that differ by file, by line, and by both; lines that collide in the low bits.
        for file in stride(from: UInt(0x1000), to: 0x1000 + 40 * 8, by: 8) {
            for line in [0, 1, 2, 64, 1 << 16, UInt32.max] as [UInt32] {
                #expect(table.id(file: file, line: line) == nil)
                id += 1
                table.insert(file: file, line: line, id: id)
            }
        }
        var expected: UInt32 = 0
        for file in stride(from: UInt(0x1000), to: 0x1000 + 40 * 8, by: 8) {
            for line in [0, 1, 2, 64, 1 << 16, UInt32.max] as [UInt32] {
                expected += 1
                #expect(table.id(file: file, line: line) == expected)
            }
        }
        #expect(table.id(file: 0x1000, line: 3) == nil)
        #expect(table.id(file: 0x0FF8, line: 0) == nil)
    }
}
