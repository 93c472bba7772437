// The fold tables for Latin letters. They were derived once from the Unicode
// character database (NFKD decomposition, combining marks removed, lower
// case), with hand-written entries for the letters that do not decompose
// (ø, ł, đ, ħ, ß, œ, æ, þ …), and are kept by hand; TestFold checks samples.

package text

// latinFold maps U+00C0–U+024F (index r-0xC0) and latinFold2 U+1E00–U+1EFF
// (index r-0x1E00) to the ASCII lower-case letter they fold to. 0x00 means
// "not a letter to fold" (use unicode.ToLower); 0x01 means the fold is longer
// than one letter and is in latinFoldMulti.
const latinFold = "aaaaaa\x01ceeeeiiiidnooooo\x00ouuuuy\x01\x01aaaaaa\x01ceeeeiiiidnooooo\x00ouuuuy\x01y" +
	"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\x01\x01jjkkklllllll" +
	"lllnnnnnnnnnoooooo\x01\x01rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs" +
	"bbbb\x00\x00\x00cc\x00ddd\x00\x00\x00\x00ffg\x00\x00\x00\x00kkl\x00\x00nn\x00oo\x00\x00pp\x00\x00\x00\x00\x00ttt\x00uu\x00\x00yyzz\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x01\x01\x01\x01\x01\x01\x01\x01\x01aaiioouuuuuuuuuu\x00aaaa\x01\x01ggggkkoooo\x00\x00j\x01\x01\x01gg\x00\x00nnaa\x01\x01oo" +
	"aaaaeeeeiiiioooorrrruuuusstt\x00\x00hh\x00d\x00\x00zzaaeeooooooooyylntj\x00\x00\x00cclt\x00" +
	"\x00\x00\x00\x00\x00\x00eejjqqrryy"

const latinFold2 = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm" +
	"mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv" +
	"wwwwwwwwwwxxxxyyzzzzzzhtwy\x00s\x00\x00\x01\x00aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" +
	"eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy\x01\x01\x00\x00\x00\x00"

// latinFoldMulti holds the folds longer than one letter.
var latinFoldMulti = map[rune]string{
	0x00C6: "ae", // Æ
	0x00DE: "th", // Þ
	0x00DF: "ss", // ß
	0x00E6: "ae", // æ
	0x00FE: "th", // þ
	0x0132: "ij", // Ĳ
	0x0133: "ij", // ĳ
	0x0152: "oe", // Œ
	0x0153: "oe", // œ
	0x01C4: "dz", // Ǆ
	0x01C5: "dz", // ǅ
	0x01C6: "dz", // ǆ
	0x01C7: "lj", // Ǉ
	0x01C8: "lj", // ǈ
	0x01C9: "lj", // ǉ
	0x01CA: "nj", // Ǌ
	0x01CB: "nj", // ǋ
	0x01CC: "nj", // ǌ
	0x01E2: "ae", // Ǣ
	0x01E3: "ae", // ǣ
	0x01F1: "dz", // Ǳ
	0x01F2: "dz", // ǲ
	0x01F3: "dz", // ǳ
	0x01FC: "ae", // Ǽ
	0x01FD: "ae", // ǽ
	0x1E9E: "ss", // ẞ
	0x1EFA: "ll", // Ỻ
	0x1EFB: "ll", // ỻ
}
