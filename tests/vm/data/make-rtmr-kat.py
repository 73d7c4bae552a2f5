#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write rtmr-kat: known-answer vectors for RTMR extension.

Computed with Python's hashlib (OpenSSL), independently of the project's
code. Each line: RTMR index, then for two events the 48-byte digest
extended and the RTMR value expected afterwards, all in hex. RTMRs start at
zero in the emulated platform; the rule is new = SHA-384(old || digest).
"""
import hashlib

with open("rtmr-kat", "w") as out:
    for i in range(4):
        value = bytes(48)
        fields = [str(i)]
        for event in (1, 2):
            digest = hashlib.sha384(f"rtmr{i} event {event}".encode()).digest()
            value = hashlib.sha384(value + digest).digest()
            fields += [digest.hex(), value.hex()]
        out.write(" ".join(fields) + "\n")
