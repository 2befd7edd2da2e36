/* iut_reference.h - the reference implementation behind the IUT interface. */
#ifndef UPSP_IUT_REFERENCE_H
#define UPSP_IUT_REFERENCE_H

#include "upsp.h"
#include "upsp_iut.h"

/* The table of operations over libupsp. */
const upsp_iut_api *upsp_iut_reference_api(void);

/* Conversions between the interface's flat message and upsp_msg. */
void upsp_iut_msg_from(upsp_iut_msg *out, const upsp_msg *m);
void upsp_iut_msg_to(upsp_msg *out, const upsp_iut_msg *m);

/* The class of a libupsp error (UPSP_IUT_E_*). */
int upsp_iut_class(upsp_err err);

#endif
