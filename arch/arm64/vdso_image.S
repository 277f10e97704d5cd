/* The vDSO shared object (built from arch/arm64/vdso/ into build/vdso/vdso.so), embedded in the
 * kernel; vdso_init copies it into pages that every process maps. */
    .section .rodata
    .balign 4096
    .global vdso_image_start, vdso_image_end
vdso_image_start:
    .incbin "build/vdso/vdso.so"
vdso_image_end:
