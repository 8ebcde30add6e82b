//! A stored (uncompressed) zip archive of one file: the code of the drill's Lambda functions.
//! Layout per APPNOTE.TXT: a local file header and the data, one central directory entry, the
//! end of central directory record. CRC-32 with the reflected polynomial 0xEDB88320.

/// CRC-32 (IEEE), as zip requires. Pure.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip holding `name` with `content`, stored. Names and contents are small (a handler).
pub(crate) fn one_file(name: &str, content: &str) -> Vec<u8> {
    let data = content.as_bytes();
    let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
    let mut out = Vec::with_capacity(data.len() + 2 * name.len() + 100);
    // Local file header: version 2.0, no flags, stored, no time, sizes known.
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
    for v in [crc, size, size] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&name_len.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let central_at = out.len() as u32;
    // Central directory entry; external attributes: a regular file, mode 0644.
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0x14, 0x03, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
    for v in [crc, size, size] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&name_len.to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(name.as_bytes());
    let central_len = out.len() as u32 - central_at;
    // End of central directory: one entry.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_is_the_ieee_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn the_archive_holds_the_file_stored_with_its_crc_and_one_directory_entry() {
        let z = one_file("h.py", "print(1)\n");
        assert_eq!(&z[..4], b"PK\x03\x04");
        assert_eq!(&z[30..34], b"h.py");
        assert_eq!(&z[34..43], b"print(1)\n");
        assert_eq!(z[8], 0, "stored");
        assert_eq!(&z[14..18], &crc32(b"print(1)\n").to_le_bytes());
        let end = &z[z.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 1);
        let at = u32::from_le_bytes([end[16], end[17], end[18], end[19]]) as usize;
        assert_eq!(&z[at..at + 4], b"PK\x01\x02");
    }
}
