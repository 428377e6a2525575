# The x86_64 kernel: build/amd64/lux9 (ELF64) and build/amd64/lux9.32,
# the elf32-i386 copy that QEMU's -kernel and GRUB's multiboot load.
KCFLAGS := --target=x86_64-unknown-none-elf -std=gnu11 -ffreestanding \
	-nostdinc -isystem $(shell clang -print-resource-dir)/include \
	-mno-red-zone -mcmodel=kernel -mno-sse -mno-mmx -mno-sse2 -mno-80387 \
	-fno-pic -fno-stack-protector -fno-omit-frame-pointer -fno-builtin \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-Ikernel/port -Ikernel/amd64 -Ikernel/abi -Ilib/9p -I$(B)/include
KSRC := $(wildcard kernel/port/*.c) $(wildcard kernel/amd64/*.c) \
	$(B)/kernel/systab.c lib/9p/fcall.c
KASM := kernel/amd64/l.S
KOBJ := $(patsubst %,$(B)/k/%.o,$(KSRC) $(KASM))
KHDR := $(wildcard kernel/port/*.h kernel/amd64/*.h kernel/abi/*.h lib/9p/9p.h) $(B)/include/sysnum.h

$(B)/k/%.c.o: %.c $(KHDR)
	@mkdir -p $(dir $@)
	clang $(KCFLAGS) -c $< -o $@
$(B)/k/%.S.o: %.S kernel/amd64/mem.h
	@mkdir -p $(dir $@)
	clang $(KCFLAGS) -c $< -o $@

$(B)/amd64/lux9: $(KOBJ) kernel/amd64/kernel.ld
	@mkdir -p $(dir $@)
	ld.lld -nostdlib -static -T kernel/amd64/kernel.ld -z max-page-size=4096 -o $@ $(KOBJ)
$(B)/amd64/lux9.32: $(B)/amd64/lux9
	llvm-objcopy -O elf32-i386 $< $@

ALL += $(B)/amd64/lux9.32

# make run: boot Lux9 with the serial console on this terminal (Ctrl-A x
# leaves QEMU; `halt` in the shell powers the machine off).
QEMU := qemu-system-x86_64
QEMUFLAGS := -m 256M -nographic -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4
run: all
	$(QEMU) $(QEMUFLAGS) -kernel $(B)/amd64/lux9.32 -initrd $(B)/amd64/initrd.cpio

# make iso: a GRUB image (BIOS) that boots the same kernel and archive.
$(B)/lux9.iso: $(B)/amd64/lux9.32 $(B)/amd64/initrd.cpio tools/mkiso
	tools/mkiso $@ $(B)/amd64/lux9.32 $(B)/amd64/initrd.cpio
iso: $(B)/lux9.iso
ALL += $(B)/lux9.iso
