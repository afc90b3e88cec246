// entities-bench: the gazetteer matcher's benchmark tool (issue 6).
//
//   entities-bench prepare --corpus FILE --out DIR
//     Folds the corpus as the entities stage does (OpenCC t2s + NFKC_Casefold) into
//     DIR/text.folded, and writes three folded key lists, one key a line: DIR/keys-1k.txt,
//     keys-100k.txt (samples of the shipped gazetteer's distinct keys) and keys-1m.txt (all of
//     the shipped keys plus deterministic synthetic Latin and Han names up to one million).
//   entities-bench match --keys FILE --text FILE [--repeat N] [--chunk-mib N]
//     Builds a NameAutomaton from the keys (timed), saves it and loads it back (timed),
//     then matches the text (timed: only the matcher calls, best of N) in leftmost-longest
//     and all-overlapping modes, streaming the text in chunks cut at line ends. Prints one
//     JSON object.
//
// ../peers/entities.py runs both and ahocorasick_rs on the same files in one run.
import Foundation
import Winnow
import WinnowEntities

struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data((message + "\n").utf8))
  exit(2)
}

func argument(_ name: String, _ args: [String]) -> String? {
  guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
  return args[i + 1]
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// This thread's CPU time in seconds: the machine is shared, so wall time would count the
/// time other processes had the CPU.
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

func maxRSSKiB() -> Int {
  var u = rusage()
  getrusage(Int32(RUSAGE_SELF.rawValue), &u)
  return Int(u.ru_maxrss)
}

/// Synthetic names: 70 % Latin (1–3 words of 2–4 syllables), 30 % Han (2–4 characters of
/// the common block), deterministic.
func syntheticName(_ rng: inout SplitMix64) -> [UInt8] {
  if rng.below(10) < 7 {
    let onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "br", "st", "tr", "ch", "sh"]
    let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    let codas = ["", "", "n", "r", "s", "l", "th", "ck"]
    var words: [String] = []
    for _ in 0..<(1 + rng.below(3)) {
      var w = ""
      for _ in 0..<(2 + rng.below(3)) {
        w += onsets[rng.below(onsets.count)] + vowels[rng.below(vowels.count)] + codas[rng.below(codas.count)]
      }
      words.append(w)
    }
    return Array(words.joined(separator: " ").utf8)
  }
  var s = ""
  for _ in 0..<(2 + rng.below(3)) {
    s.unicodeScalars.append(Unicode.Scalar(UInt32(0x4E00 + rng.below(0x9FA5 - 0x4E00))) ?? "中")
  }
  return Array(s.utf8)
}

func writeKeys(_ keys: some Sequence<[UInt8]>, to path: String) {
  var out: [UInt8] = []
  for k in keys {
    out += k
    out.append(0x0A)
  }
  _ = FileManager.default.createFile(atPath: path, contents: Data(out))
}

func prepare(_ args: [String]) throws {
  guard let corpus = argument("--corpus", args), let dir = argument("--out", args) else {
    fail("usage: entities-bench prepare --corpus FILE --out DIR")
  }
  try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  let clock = ContinuousClock()
  let folder = try KeyFolder()
  guard let raw = FileManager.default.contents(atPath: corpus) else { fail("cannot read \(corpus)") }
  let t0 = clock.now
  let folded = folder.fold([UInt8](raw), tracking: false).bytes
  let foldTime = seconds(clock.now - t0)
  _ = FileManager.default.createFile(atPath: dir + "/text.folded", contents: Data(folded))

  var seen = Set<[UInt8]>()
  var shipped: [[UInt8]] = []
  for e in try Gazetteer.shippedEntries() {
    for s in e.surfaces {
      let k = folder.foldKey(s)
      if !k.isEmpty, !k.contains(0x0A), seen.insert(k).inserted { shipped.append(k) }
    }
  }
  var rng = SplitMix64(state: 20_250_320)
  shipped.shuffle(using: &rng)
  writeKeys(shipped.prefix(1_000), to: dir + "/keys-1k.txt")
  writeKeys(shipped.prefix(100_000), to: dir + "/keys-100k.txt")
  var all = shipped
  while all.count < 1_000_000 {
    let k = syntheticName(&rng)
    if seen.insert(k).inserted { all.append(k) }
  }
  writeKeys(all, to: dir + "/keys-1m.txt")
  print(#"{"text_bytes":\#(raw.count),"folded_bytes":\#(folded.count),"fold_s":\#(foldTime),"shipped_keys":\#(shipped.count)}"#)
}

extension RandomNumberGenerator where Self == SplitMix64 {}
extension SplitMix64: RandomNumberGenerator {}

/// Reads `path` in blocks of about `size` bytes, each cut after its last line end.
func forEachChunk(of path: String, size: Int, _ body: ([UInt8]) -> Void) {
  guard let h = FileHandle(forReadingAtPath: path) else { fail("cannot read \(path)") }
  var carry: [UInt8] = []
  while true {
    let data = h.readData(ofLength: size)
    if data.isEmpty { break }
    var block = carry
    block.append(contentsOf: data)
    if let nl = block.lastIndex(of: 0x0A) {
      carry = Array(block[(nl + 1)...])
      block.removeSubrange((nl + 1)...)
      body(block)
    } else {
      carry = block
    }
  }
  if !carry.isEmpty { body(carry) }
  try? h.close()
}

/// Writes bytes without an intermediate `Data` copy; returns the size.
func writeFile(_ path: String, _ bytes: [UInt8]) -> Int {
  guard let f = fopen(path, "wb") else { fail("cannot write \(path)") }
  let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
  fclose(f)
  return n
}

/// Reads a file straight into an array (one copy).
func readFile(_ path: String) -> [UInt8] {
  guard let f = fopen(path, "rb") else { fail("cannot read \(path)") }
  defer { fclose(f) }
  fseek(f, 0, SEEK_END)
  let size = ftell(f)
  fseek(f, 0, SEEK_SET)
  return [UInt8](unsafeUninitializedCapacity: size) { buf, count in
    count = fread(buf.baseAddress, 1, size, f)
  }
}

func match(_ args: [String]) throws {
  guard let keysPath = argument("--keys", args), let textPath = argument("--text", args) else {
    fail("usage: entities-bench match --keys FILE --text FILE [--repeat N] [--chunk-mib N]")
  }
  let repeats = argument("--repeat", args).flatMap(Int.init) ?? 3
  let chunk = (argument("--chunk-mib", args).flatMap(Int.init) ?? 1) << 20
  let clock = ContinuousClock()
  let keyData = readFile(keysPath)

  let t0 = cpuSeconds()
  var builder = NameAutomatonBuilder(matchKind: .leftmostLongest)
  var n: UInt32 = 0
  keyData.withUnsafeBufferPointer { b in
    var start = 0
    for i in 0..<b.count where b[i] == 0x0A {
      builder.add(UnsafeBufferPointer(rebasing: b[start..<i]), value: n)
      n += 1
      start = i + 1
    }
  }
  let built = builder.build()
  builder = NameAutomatonBuilder(matchKind: .leftmostLongest)
  let buildTime = cpuSeconds() - t0
  let rssAfterBuild = maxRSSKiB()

  let file = NSTemporaryDirectory() + "entities-bench-\(getpid()).wnac"
  let stats = (keys: built.keyCount, states: built.stateCount, memory: built.memoryBytes)
  let fileBytes = writeFile(file, built.serialized())
  _ = consume built
  let t1 = cpuSeconds()
  let automaton = try NameAutomaton(serialized: readFile(file))
  let loadTime = cpuSeconds() - t1
  try? FileManager.default.removeItem(atPath: file)

  var results: [String] = []
  var textBytes = 0
  for kind in [MatchKind.leftmostLongest, .allOverlapping] {
    var best = Double.infinity
    var count = 0
    for _ in 0..<repeats {
      var total = 0.0
      count = 0
      textBytes = 0
      forEachChunk(of: textPath, size: chunk) { block in
        textBytes += block.count
        let t = cpuSeconds()
        let m = automaton.matches(in: block, kind: kind)
        total += cpuSeconds() - t
        count += m.count
      }
      best = min(best, total)
    }
    results.append(#""\#(kind.rawValue)":{"s":\#(best),"mb_per_s":\#(Double(textBytes) / best / 1e6),"matches":\#(count)}"#)
  }
  print(
    #"{"keys_in":\#(n),"keys":\#(stats.keys),"states":\#(stats.states),"tables_bytes":\#(stats.memory),"#
      + #""build_s":\#(buildTime),"rss_after_build_kib":\#(rssAfterBuild),"file_bytes":\#(fileBytes),"load_s":\#(loadTime),"#
      + #""text_bytes":\#(textBytes),\#(results.joined(separator: ",")),"max_rss_kib":\#(maxRSSKiB())}"#)
}

/// Times building the default recognizer (ICU + shipped gazetteer), saving its compiled
/// gazetteer, and loading it back.
func recognizer(_ args: [String]) throws {
  let clock = ContinuousClock()
  var t = clock.now, c = cpuSeconds()
  let icu = try Gazetteer.icuEntries()
  let icuTime = (seconds(clock.now - t), cpuSeconds() - c)
  t = clock.now; c = cpuSeconds()
  let shipped = try Gazetteer.shippedEntries()
  let tsvTime = (seconds(clock.now - t), cpuSeconds() - c)
  t = clock.now; c = cpuSeconds()
  let g = try Gazetteer(entries: icu + shipped)
  let buildTime = (seconds(clock.now - t), cpuSeconds() - c)
  let file = NSTemporaryDirectory() + "entities-bench-\(getpid()).wngz"
  let size = writeFile(file, g.serialized())
  t = clock.now; c = cpuSeconds()
  let loaded = try Gazetteer.load(path: file)
  let loadTime = (seconds(clock.now - t), cpuSeconds() - c)
  try? FileManager.default.removeItem(atPath: file)
  print(#"{"icu_entries_s":\#(icuTime),"tsv_parse_s":\#(tsvTime),"fold_and_build_s":\#(buildTime),"file_bytes":\#(size),"load_s":\#(loadTime),"entries":\#(loaded.entries.count),"keys":\#(loaded.automaton.keyCount),"max_rss_kib":\#(maxRSSKiB())}"#)
}

let args = Array(CommandLine.arguments.dropFirst())
do {
  switch args.first {
  case "prepare": try prepare(args)
  case "match": try match(args)
  case "recognizer": try recognizer(args)
  default: fail("usage: entities-bench prepare|match …")
  }
} catch {
  fail("error: \(error)")
}
