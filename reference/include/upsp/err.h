/*
 * upsp/err.h - the one error enum of libupsp.
 *
 * Every function that can fail returns a upsp_err. UPSP_OK is 0 so that
 * "if (err) return err;" reads naturally. The list is an X-macro so that the
 * enum and its strings cannot drift apart (as in s2n's s2n_errno.c).
 */
#ifndef UPSP_ERR_H
#define UPSP_ERR_H

#define UPSP_ERR_LIST(X)                                                         \
    X(UPSP_OK, "success")                                                        \
    X(UPSP_ERR_ARG, "invalid argument")                                          \
    X(UPSP_ERR_BUFFER, "output buffer too small")                                \
    X(UPSP_ERR_DECODE, "malformed message (truncated or bad length)")            \
    X(UPSP_ERR_TRAILING, "trailing bytes after message")                         \
    X(UPSP_ERR_TOO_LARGE, "message larger than the UPSP size limit")             \
    X(UPSP_ERR_VERSION, "unsupported protocol version")                          \
    X(UPSP_ERR_TYPE, "unknown message type")                                     \
    X(UPSP_ERR_FLAGS, "reserved flag bits set")                                  \
    X(UPSP_ERR_TLV_DUP, "duplicate TLV")                                         \
    X(UPSP_ERR_TLV_CRITICAL, "unknown or unexpected critical TLV")               \
    X(UPSP_ERR_TLV_MISSING, "mandatory TLV missing")                             \
    X(UPSP_ERR_RANGE, "value out of range")                                      \
    X(UPSP_ERR_SUITE, "no acceptable cipher suite")                              \
    X(UPSP_ERR_AUTH, "authentication failed")                                    \
    X(UPSP_ERR_REPLAY, "replayed or too old sequence number")                    \
    X(UPSP_ERR_SESSION, "session ID does not match")                             \
    X(UPSP_ERR_DIRECTION, "message in the wrong direction")                      \
    X(UPSP_ERR_STATE, "message not allowed in this state")                       \
    X(UPSP_ERR_SEQ_LIMIT, "sequence number limit reached")                       \
    X(UPSP_ERR_KEY, "invalid key (all-zero X25519 result)")                      \
    X(UPSP_ERR_CRYPTO, "cryptographic library failure")                          \
    X(UPSP_ERR_RNG, "random number generator failure")                           \
    X(UPSP_ERR_ALERT, "peer sent an alert")                                      \
    X(UPSP_ERR_CLOSED, "session is closed")

typedef enum {
#define UPSP_ERR_ENUM_(name, text) name,
    UPSP_ERR_LIST(UPSP_ERR_ENUM_)
#undef UPSP_ERR_ENUM_
    UPSP_ERR_COUNT_
} upsp_err;

/* Returns a static, human-readable string for err; never NULL. */
const char *upsp_err_str(upsp_err err);

/* Returns the enum name ("UPSP_ERR_AUTH") for err; never NULL. */
const char *upsp_err_name(upsp_err err);

#endif
