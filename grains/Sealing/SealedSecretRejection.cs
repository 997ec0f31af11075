namespace SkillsOrleans.Sealing;

/// <summary>Why a runtime host refused to open a sealed secret.</summary>
public enum SealedSecretRejection
{
    /// <summary>A field is missing, not canonical base64url, the wrong length, or outside its grammar.</summary>
    Malformed = 1,

    /// <summary>The envelope's format number is not one this host knows.</summary>
    UnsupportedFormat = 2,

    /// <summary>Sealed to another key (kid), e.g. before this host's key was replaced.</summary>
    WrongKey = 3,

    /// <summary>Addressed to another runtime.</summary>
    WrongHost = 4,

    /// <summary>Names another credential than the one being delivered.</summary>
    WrongCredential = 5,

    /// <summary>Names another credential version than the one this delivery creates.</summary>
    WrongVersion = 6,

    Expired = 7,

    /// <summary>Expires further ahead than <see cref="SealedSecretFormat.MaxLifetime"/>.</summary>
    ExpiryTooFarAhead = 8,

    /// <summary>This nonce was opened before.</summary>
    Replayed = 9,

    /// <summary>The GCM tag does not verify: a header field, the iv or the ciphertext was changed.</summary>
    Tampered = 10,

    /// <summary>
    /// The host remembers as many unexpired nonces as it may; it refuses rather than forget one that could then
    /// be replayed.
    /// </summary>
    ReplayCacheFull = 11,
}
