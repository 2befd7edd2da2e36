/* err.c - strings for upsp_err, from the one X-macro list. */
#include "upsp/err.h"

static const char *const err_text[] = {
#define UPSP_ERR_TEXT_(name, text) text,
    UPSP_ERR_LIST(UPSP_ERR_TEXT_)
#undef UPSP_ERR_TEXT_
};

static const char *const err_names[] = {
#define UPSP_ERR_NAME_(name, text) #name,
    UPSP_ERR_LIST(UPSP_ERR_NAME_)
#undef UPSP_ERR_NAME_
};

const char *upsp_err_str(upsp_err err)
{
    if ((unsigned)err >= (unsigned)UPSP_ERR_COUNT_)
        return "unknown error";
    return err_text[err];
}

const char *upsp_err_name(upsp_err err)
{
    if ((unsigned)err >= (unsigned)UPSP_ERR_COUNT_)
        return "UPSP_ERR_UNKNOWN";
    return err_names[err];
}
