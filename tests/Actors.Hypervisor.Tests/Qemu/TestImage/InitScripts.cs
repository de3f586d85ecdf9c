namespace Actors.Hypervisor.Tests.Qemu;

/// <summary>The test image's init and its power-button action: busybox shell scripts.</summary>
internal static class InitScripts
{
    /// <summary>The modules the init loads, in dependency order: the power button's input device, then virtio-mmio
    /// (found through microvm's ACPI) and virtio-blk for read-only disks.</summary>
    public static readonly string[] Modules =
    [
        "drivers/input/evdev", "drivers/acpi/button",
        "drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_mmio", "drivers/block/virtio_blk",
    ];

    /// <summary>PID 1. Powers off on the ACPI power button unless <c>ACTORS_POWER_BUTTON=off</c>, prints each
    /// read-only disk's read-only flag and first bytes, then <c>ACTORS-READY $ACTORS_TOKEN</c>, then does what
    /// <c>ACTORS_THEN</c> says: <c>poweroff</c> (a clean power-off of its own), <c>exit</c> (init dies, so the kernel
    /// panics and, with <c>panic=-1</c>, resets), or by default waits.</summary>
    public const string Init = """
        #!/bin/busybox sh
        /bin/busybox --install -s /bin
        export PATH=/bin
        mount -t proc proc /proc
        mount -t sysfs sys /sys
        mount -t devtmpfs dev /dev
        for m in evdev button virtio_ring virtio virtio_mmio virtio_blk; do insmod /lib/modules/$m.ko; done
        # QMP system_powerdown is an ACPI power-button press: acpid runs /etc/acpi/PWRF/00000080 for it.
        # acpid needs a log file it can open; the console is one.
        [ "${ACTORS_POWER_BUTTON:-on}" = on ] && acpid -c /etc/acpi -l /dev/console
        for b in /sys/block/vd*; do
          [ -e "$b/ro" ] && echo "ACTORS-DISK ${b##*/} ro=$(cat $b/ro) data=$(head -c 16 /dev/${b##*/})"
        done
        echo "ACTORS-READY ${ACTORS_TOKEN:-}"
        case "${ACTORS_THEN:-}" in
          poweroff) poweroff -f ;;
          exit) exit 1 ;;
        esac
        while true; do sleep 1; done

        """;

    public const string PowerButton = """
        #!/bin/sh
        echo ACTORS-POWEROFF
        poweroff -f

        """;
}
