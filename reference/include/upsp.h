/* upsp.h - the whole public interface of libupsp, the UPSP v1 reference. */
#ifndef UPSP_H
#define UPSP_H

#include "upsp/buf.h"
#include "upsp/crypto.h"
#include "upsp/drbg.h"
#include "upsp/err.h"
#include "upsp/kdf.h"
#include "upsp/keysched.h"
#include "upsp/msg.h"
#include "upsp/record.h"
#include "upsp/session.h"
#include "upsp/window.h"
#include "upsp/wire.h"

#define UPSP_LIB_VERSION "0.1.0"

#endif
