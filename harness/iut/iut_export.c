/* iut_export.c - the one symbol a loadable IUT library exports. */
#include "iut_reference.h"

__attribute__((visibility("default"))) const upsp_iut_api *upsp_iut_get_api(void);

const upsp_iut_api *upsp_iut_get_api(void)
{
    return upsp_iut_reference_api();
}
