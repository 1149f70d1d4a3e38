/* Fortran prototypes of the BLAS/LAPACK routines Relance calls.
 *
 * Debian's liblapack-dev ships no C header (lapacke.h lives in liblapacke-dev), so we declare
 * the Fortran symbols ourselves. Fortran ABI: every argument is a pointer, INTEGER is a 32-bit
 * int (LP64), and every CHARACTER argument has a hidden trailing size_t length that MUST be
 * passed (pass 1). Matrices are column-major.
 */
#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
#include <stddef.h>

typedef int lapack_int_t;

void dsyrk_(const char *uplo, const char *trans, const lapack_int_t *n, const lapack_int_t *k,
            const double *alpha, const double *a, const lapack_int_t *lda, const double *beta,
            double *c, const lapack_int_t *ldc, size_t uplo_len, size_t trans_len);
void dgemm_(const char *transa, const char *transb, const lapack_int_t *m, const lapack_int_t *n,
            const lapack_int_t *k, const double *alpha, const double *a, const lapack_int_t *lda,
            const double *b, const lapack_int_t *ldb, const double *beta, double *c,
            const lapack_int_t *ldc, size_t transa_len, size_t transb_len);
void dgemv_(const char *trans, const lapack_int_t *m, const lapack_int_t *n, const double *alpha,
            const double *a, const lapack_int_t *lda, const double *x, const lapack_int_t *incx,
            const double *beta, double *y, const lapack_int_t *incy, size_t trans_len);
void dposv_(const char *uplo, const lapack_int_t *n, const lapack_int_t *nrhs, double *a,
            const lapack_int_t *lda, double *b, const lapack_int_t *ldb, lapack_int_t *info,
            size_t uplo_len);
void dpotrf_(const char *uplo, const lapack_int_t *n, double *a, const lapack_int_t *lda,
             lapack_int_t *info, size_t uplo_len);
void dpotrs_(const char *uplo, const lapack_int_t *n, const lapack_int_t *nrhs, const double *a,
             const lapack_int_t *lda, double *b, const lapack_int_t *ldb, lapack_int_t *info,
             size_t uplo_len);
void dpotri_(const char *uplo, const lapack_int_t *n, double *a, const lapack_int_t *lda,
             lapack_int_t *info, size_t uplo_len);
void dsyevd_(const char *jobz, const char *uplo, const lapack_int_t *n, double *a,
             const lapack_int_t *lda, double *w, double *work, const lapack_int_t *lwork,
             lapack_int_t *iwork, const lapack_int_t *liwork, lapack_int_t *info,
             size_t jobz_len, size_t uplo_len);
void dgels_(const char *trans, const lapack_int_t *m, const lapack_int_t *n,
            const lapack_int_t *nrhs, double *a, const lapack_int_t *lda, double *b,
            const lapack_int_t *ldb, double *work, const lapack_int_t *lwork,
            lapack_int_t *info, size_t trans_len);
#endif
