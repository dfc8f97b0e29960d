//! A small seeded PRNG (splitmix64) for push tokens and video slugs: deterministic per seed.

use crate::prelude::*;
/// splitmix64: fast, seedable, good enough for identifiers that only need to look random.
#[derive(Clone, Debug)]
pub struct SplitMix64 {
    state: u64,
}

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        // 53 random bits → exact in an f64.
        #[allow(clippy::cast_precision_loss)]
        let v = (self.next_u64() >> 11) as f64;
        v / 9_007_199_254_740_992.0
    }

    fn pick(&mut self, alphabet: &[u8], len: usize) -> String {
        let n = u64::try_from(alphabet.len()).unwrap_or(1).max(1);
        (0..len)
            .map(|_| {
                let i = usize::try_from(self.next_u64() % n).unwrap_or(0);
                char::from(alphabet.get(i).copied().unwrap_or(b'0'))
            })
            .collect()
    }

    /// 32 lower-case hex characters, like a stream's push token.
    pub fn hex_token(&mut self) -> String {
        self.pick(HEX, 32)
    }

    /// 16 alphanumeric characters, like a video's slug.
    pub fn slug(&mut self) -> String {
        self.pick(ALNUM, 16)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_shapes() {
        let (mut a, mut b) = (SplitMix64::new(7), SplitMix64::new(7));
        assert_eq!(a.hex_token(), b.hex_token());
        let t = a.hex_token();
        assert_eq!(t.len(), 32);
        assert!(t
            .bytes()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        let s = a.slug();
        assert_eq!(s.len(), 16);
        assert!(s.bytes().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(SplitMix64::new(1).next_u64(), SplitMix64::new(2).next_u64());
        let f = a.next_f64();
        assert!((0.0..1.0).contains(&f));
    }
}
