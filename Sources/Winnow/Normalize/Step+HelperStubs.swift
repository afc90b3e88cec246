// SKELETON ONLY: identity stand-ins, each replaced by its real file. Delete when empty.
struct MojibakeStep: LineStep { func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
struct GBKMojibakeStep: LineStep { init() throws(WinnowError) {}; func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
struct HTMLEntityStep: LineStep { func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
