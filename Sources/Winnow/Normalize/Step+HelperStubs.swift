// SKELETON ONLY: identity stand-ins, each replaced by its real file. Delete when empty.
struct T2SStep: LineStep { init() throws(WinnowError) {}; func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
struct CaseFoldStep: LineStep { init() throws(WinnowError) {}; func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
struct FormStep: LineStep { init(_ form: NormalizationForm) throws(WinnowError) {}; func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? { nil } }
